package org.c360.analytics.identity;

/**
 * Disjoint sets over the ints 0..n-1 (union by size, path halving): near-constant time per operation on plain
 * arrays, so ten million records and identifiers fit in a few tens of megabytes, where a general graph
 * library's boxed vertices would take gigabytes.
 */
final class UnionFind {
    private final int[] parent;
    private final int[] size;

    UnionFind(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** @return whether the two were in different sets */
    boolean union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        return true;
    }

    int size() {
        return parent.length;
    }
}
