package org.c360.analytics.identity;

import java.util.Objects;

import org.c360.analytics.identity.match.MatchOptions;

/**
 * How to resolve.
 *
 * @param probabilistic whether to run the probabilistic pass after the deterministic one
 */
public record ResolveOptions(GuardOptions guards, MatchOptions matching, boolean probabilistic) {

    public static final ResolveOptions DEFAULTS = new ResolveOptions(GuardOptions.DEFAULTS, MatchOptions.DEFAULTS, true);

    public ResolveOptions {
        Objects.requireNonNull(guards);
        Objects.requireNonNull(matching);
    }

    public ResolveOptions deterministicOnly() {
        return new ResolveOptions(guards, matching, false);
    }
}
