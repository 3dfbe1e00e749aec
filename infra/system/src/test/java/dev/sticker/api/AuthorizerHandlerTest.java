package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.sticker.core.account.AuthorizerContext;
import dev.sticker.core.account.KeyAuthenticator;
import dev.sticker.system.LocalAccount;
import dev.sticker.system.TestKeys;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.sticker.api.LocalServices.bean;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The key authorizer built from real services (the local cloud's accounts table), called as API Gateway calls it. */
class AuthorizerHandlerTest {

    private static final String METHOD_ARN =
            "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/v1/GET/fal-ai/face-to-sticker/requests/x/status";

    private final AuthorizerHandler handler = new AuthorizerHandler(bean(KeyAuthenticator.class));

    @Test
    void aValidKeyIsAllowedOnEveryRouteOfTheStageWithItsAccountInTheContext() {
        String key = TestKeys.admin();

        IamPolicyResponseV1 policy = handler.handleRequest(event("Key " + key), null);

        assertEquals(key.substring(0, key.indexOf(':')), policy.getPrincipalId());
        Map<?, ?>[] statements = (Map<?, ?>[]) policy.getPolicyDocument().get("Statement");
        assertEquals(1, statements.length);
        assertEquals("Allow", statements[0].get("Effect"));
        assertEquals(List.of("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/v1/*/*"),
                Arrays.asList((Object[]) statements[0].get("Resource")), "one answer serves every route when cached");
        assertEquals(LocalAccount.ID, policy.getContext().get(AuthorizerContext.ACCOUNT_ID));
        assertEquals("ADMIN", policy.getContext().get(AuthorizerContext.SCOPE));
    }

    @Test
    void anUnknownKeyIsLetThroughWithTheDenialForTheFunctionToAnswer() {
        IamPolicyResponseV1 policy = handler.handleRequest(
                event("Key 00000000-0000-4000-8000-000000000000:" + "0".repeat(64)), null);

        assertEquals("anonymous", policy.getPrincipalId());
        assertEquals(KeyAuthenticator.UNKNOWN_KEY, policy.getContext().get(AuthorizerContext.DENIED));
    }

    private static APIGatewayCustomAuthorizerEvent event(String authorization) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(METHOD_ARN);
        event.setHeaders(Map.of("Authorization", authorization));
        return event;
    }
}
