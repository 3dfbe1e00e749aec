package dev.sticker.core.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the authorizer hands its verdict to the functions: API Gateway's authorizer context, a flat map of strings that
 * it caches with the policy and passes to every call made with the same header. The functions trust this context,
 * never the raw header. A denied key is passed on too (as {@value #DENIED}), so the function answers it with fal's
 * 401 and its exact wording.
 */
public final class AuthorizerContext {

    public static final String ACCOUNT_ID = "account_id";
    public static final String KEY_ID = "key_id";
    public static final String KEY_ALIAS = "key_alias";
    public static final String SCOPE = "scope";
    public static final String RATE_LIMIT = "rate_limit_per_minute";
    public static final String DENIED = "denied";

    private AuthorizerContext() {
    }

    public static Map<String, String> of(Authentication authentication) {
        Map<String, String> context = new LinkedHashMap<>();
        if (authentication instanceof Authentication.Authenticated ok) {
            context.put(ACCOUNT_ID, ok.caller().accountId());
            context.put(KEY_ID, ok.caller().keyId());
            context.put(KEY_ALIAS, ok.caller().keyAlias());
            context.put(SCOPE, ok.caller().scope().name());
            context.put(RATE_LIMIT, Integer.toString(ok.rateLimitPerMinute()));
        } else {
            context.put(DENIED, ((Authentication.Denied) authentication).detail());
        }
        return context;
    }

    /** The verdict a function received; empty when the call came without one (a route with no authorizer). */
    public static Optional<Authentication> read(Map<String, ?> context) {
        if (context == null || context.isEmpty() || (!context.containsKey(DENIED) && !context.containsKey(KEY_ID))) {
            return Optional.empty();
        }
        if (context.containsKey(DENIED)) {
            return Optional.of(new Authentication.Denied(String.valueOf(context.get(DENIED))));
        }
        Caller caller = new Caller(String.valueOf(context.get(ACCOUNT_ID)), String.valueOf(context.get(KEY_ID)),
                String.valueOf(context.get(KEY_ALIAS)), Scope.valueOf(String.valueOf(context.get(SCOPE))));
        return Optional.of(new Authentication.Authenticated(caller,
                Integer.parseInt(String.valueOf(context.get(RATE_LIMIT)))));
    }
}
