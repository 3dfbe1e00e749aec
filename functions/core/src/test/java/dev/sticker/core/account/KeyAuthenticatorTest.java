package dev.sticker.core.account;

import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoKeyStore;
import dev.sticker.core.aws.LocalAws;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class KeyAuthenticatorTest {

    private final DynamoAccountStore accounts = LocalAws.accountStore();
    private final DynamoKeyStore keys = LocalAws.keyStore();
    private final KeySecrets.Credentials bootstrap = KeySecrets.generate();
    private final KeyAuthenticator authenticator = new KeyAuthenticator(keys, accounts, Optional.of(bootstrap),
            Clock.systemUTC());
    private final AccountAdmin admin = new AccountAdmin(accounts, keys, Clock.systemUTC());
    private final Account account = admin.open(new AccountAdmin.Opening(null, "test", 1_000_000, 2, 77)).orElseThrow();

    @Test
    void aValidKeyNamesItsAccountAliasScopeAndRateAndIsMarkedUsed() {
        AccountAdmin.Issued issued = admin.issueKey(account.id(), "web", Scope.API).orElseThrow();

        Authentication.Authenticated ok = assertInstanceOf(Authentication.Authenticated.class,
                authenticator.authenticate("Key " + issued.credentials().key()));

        assertEquals(new Caller(account.id(), issued.key().keyId(), "web", Scope.API), ok.caller());
        assertEquals(77, ok.rateLimitPerMinute());
        assertNotNull(keys.find(issued.key().keyId()).orElseThrow().lastUsedAt());
    }

    @Test
    void wrongSecretsUnknownAndRevokedKeysGetFalsAnswer() {
        AccountAdmin.Issued issued = admin.issueKey(account.id(), "web", Scope.API).orElseThrow();
        String wrongSecret = issued.key().keyId() + ":" + KeySecrets.generate().secret();
        AccountAdmin.Issued revoked = admin.issueKey(account.id(), "old", Scope.API).orElseThrow();
        keys.revoke(revoked.key().keyId(), Instant.now());

        for (String key : new String[]{wrongSecret, KeySecrets.generate().key(), revoked.credentials().key()}) {
            assertEquals(new Authentication.Denied(KeyAuthenticator.UNKNOWN_KEY), authenticator.authenticate("Key " + key));
        }
    }

    @Test
    void missingAndMalformedHeadersAreToldWhatIsWrong() {
        assertEquals(new Authentication.Denied(KeyAuthenticator.MISSING), authenticator.authenticate(null));
        assertEquals(new Authentication.Denied(KeyAuthenticator.MISSING), authenticator.authenticate(" "));
        Authentication.Denied bearer = assertInstanceOf(Authentication.Denied.class,
                authenticator.authenticate("Bearer abc"));
        Authentication.Denied notAKey = assertInstanceOf(Authentication.Denied.class,
                authenticator.authenticate("Key abc"));

        assertEquals("Malformed Authorization header: expected 'Key <key_id>:<key_secret>'", bearer.detail());
        assertEquals("Malformed key: expected <key_id>:<key_secret>, a UUID and 64 hex digits", notAKey.detail());
    }

    @Test
    void theBootstrapKeyIsTheOperatorsAdminKeyAndOnlyWithItsSecret() {
        Authentication.Authenticated operator = assertInstanceOf(Authentication.Authenticated.class,
                authenticator.authenticate("key " + bootstrap.key()));

        assertEquals(KeyAuthenticator.OPERATOR_ACCOUNT, operator.caller().accountId());
        assertEquals(Scope.ADMIN, operator.caller().scope());
        assertEquals(new Authentication.Denied(KeyAuthenticator.UNKNOWN_KEY),
                authenticator.authenticate("Key " + bootstrap.keyId() + ":" + KeySecrets.generate().secret()));
    }
}
