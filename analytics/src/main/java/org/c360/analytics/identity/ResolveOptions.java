package org.c360.analytics.identity;

import java.util.Objects;

import org.c360.analytics.identity.match.MatchOptions;

/**
 * How to resolve.
 *
 * @param probabilistic whether to run the probabilistic pass after the deterministic one
 * @param incremental   whether to resolve only the tables imported since the last run (see {@link Resolver})
 */
public record ResolveOptions(GuardOptions guards, MatchOptions matching, boolean probabilistic, boolean incremental) {

    public static final ResolveOptions DEFAULTS = new ResolveOptions(GuardOptions.DEFAULTS, MatchOptions.DEFAULTS, true,
            false);

    public ResolveOptions {
        Objects.requireNonNull(guards);
        Objects.requireNonNull(matching);
    }

    public ResolveOptions deterministicOnly() {
        return new ResolveOptions(guards, matching, false, incremental);
    }

    public ResolveOptions incrementally() {
        return new ResolveOptions(guards, matching, probabilistic, true);
    }
}
