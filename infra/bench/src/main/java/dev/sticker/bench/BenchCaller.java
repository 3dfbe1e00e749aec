package dev.sticker.bench;

import dev.sticker.core.account.Authentication;
import dev.sticker.core.account.AuthorizerContext;
import dev.sticker.core.account.Caller;
import dev.sticker.core.account.Scope;
import dev.sticker.system.LocalAccount;

/** Who the benchmarks' in-process calls come from: a key of the local account, with room to call as often as they do. */
final class BenchCaller {

    static final String KEY_ID = "bench-key";

    private BenchCaller() {
    }

    /** The authorizer's context for that key, encoded for {@link ProbeEvents}. */
    static String authorizerContext() {
        return ProbeEvents.encode(AuthorizerContext.of(new Authentication.Authenticated(
                new Caller(LocalAccount.ID, KEY_ID, "bench", Scope.API), 1_000_000)));
    }
}
