package dev.sticker.core.account;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizerContextTest {

    @Test
    void aVerdictReadsBackAsAPIGatewayHandsItOn() {
        Authentication allowed = new Authentication.Authenticated(
                new Caller("acct-1", "3f1c9a62-5b7e-4d2a-9c11-0a8e4b6f2d10", "web", Scope.ADMIN), 60);
        Authentication denied = new Authentication.Denied(KeyAuthenticator.UNKNOWN_KEY);

        for (Authentication verdict : new Authentication[]{allowed, denied}) {
            // API Gateway adds the principal and hands every value on as a string.
            Map<String, Object> passedOn = new HashMap<>(AuthorizerContext.of(verdict));
            passedOn.put("principalId", "whoever");
            passedOn.values().forEach(value -> assertTrue(value instanceof String));

            assertEquals(Optional.of(verdict), AuthorizerContext.read(passedOn));
        }
    }

    @Test
    void aCallWithoutAVerdictHasNone() {
        assertEquals(Optional.empty(), AuthorizerContext.read(null));
        assertEquals(Optional.empty(), AuthorizerContext.read(Map.of()));
        assertEquals(Optional.empty(), AuthorizerContext.read(Map.of("principalId", "x")));
    }
}
