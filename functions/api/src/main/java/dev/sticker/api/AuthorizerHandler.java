package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.sticker.core.account.Authentication;
import dev.sticker.core.account.AuthorizerContext;
import dev.sticker.core.account.KeyAuthenticator;
import dev.sticker.wiring.MicronautFunction;
import io.micronaut.context.ApplicationContext;

import java.util.List;
import java.util.Map;

/**
 * The API's REQUEST authorizer: reads {@code Authorization: Key <key_id>:<key_secret>} and hands the verdict to the
 * functions in the authorizer context ({@link AuthorizerContext}). It always allows the call, for every route of the
 * stage, so the answer API Gateway caches for a header serves all routes; a denied key travels as a verdict, and the
 * function answers it with fal's 401. A call without the header never gets here: API Gateway answers it with a 401.
 */
public final class AuthorizerHandler extends MicronautFunction
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    private final KeyAuthenticator keys;

    /** Used by Lambda. */
    public AuthorizerHandler() {
        this(ApiFunction.startContext());
    }

    private AuthorizerHandler(ApplicationContext beans) {
        this(beans, beans.getBean(KeyAuthenticator.class));
    }

    public AuthorizerHandler(KeyAuthenticator keys) {
        this(null, keys);
    }

    private AuthorizerHandler(ApplicationContext beans, KeyAuthenticator keys) {
        super(beans);
        this.keys = keys;
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        Authentication verdict = keys.authenticate(Gateway.header(event.getHeaders(), "Authorization"));
        String principal = verdict instanceof Authentication.Authenticated ok ? ok.caller().keyId() : "anonymous";
        return IamPolicyResponseV1.builder()
                .withPrincipalId(principal)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponseV1.allowStatement(everyRouteOf(event.getMethodArn()))))
                        .build())
                .withContext(Map.copyOf(AuthorizerContext.of(verdict)))
                .build();
    }

    /** The ARN covering every method and path of the stage, from the ARN of the method called. */
    static String everyRouteOf(String methodArn) {
        String[] parts = methodArn.split("/", 3);
        return parts[0] + "/" + parts[1] + "/*/*";
    }
}
