package dev.sticker.core.account;

/**
 * Who is calling, as the authorizer established it: the account billed for the call and the key used (its alias is
 * fal's {@code auth_method} in usage reports).
 */
public record Caller(String accountId, String keyId, String keyAlias, Scope scope) {

    public boolean isAdmin() {
        return scope == Scope.ADMIN;
    }
}
