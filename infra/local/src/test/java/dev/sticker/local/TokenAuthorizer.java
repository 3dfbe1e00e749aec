package dev.sticker.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

/**
 * Test REQUEST authorizer on the X-Token header: "good" is allowed on every route of the stage with a context,
 * "deny" gets a Deny policy, "narrow" is allowed on the method it called only, anything else is "Unauthorized".
 * Counts its invocations, so tests can see API Gateway's cache at work.
 */
public final class TokenAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        INVOCATIONS.incrementAndGet();
        String token = event.getHeaders().get("x-token");
        String stage = event.getMethodArn().split("/", 3)[0] + "/" + event.getMethodArn().split("/", 3)[1] + "/*/*";
        IamPolicyResponseV1.Statement statement = switch (token) {
            case "good" -> IamPolicyResponseV1.allowStatement(stage);
            case "deny" -> IamPolicyResponseV1.denyStatement(stage);
            case "narrow" -> IamPolicyResponseV1.allowStatement(event.getMethodArn());
            default -> throw new RuntimeException("Unauthorized");
        };
        return IamPolicyResponseV1.builder()
                .withPrincipalId("user-" + token)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17).withStatement(List.of(statement)).build())
                .withContext(Map.of("user", "u1", "path", event.getPath()))
                .build();
    }
}
