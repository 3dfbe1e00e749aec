package dev.sticker.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import dev.sticker.local.template.Intrinsics;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.sticker.local.function.LocalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A REQUEST Lambda authorizer of the template, as API Gateway runs one: a call missing an identity header is refused
 * without invoking the function; otherwise the function's policy and context are cached per identity value for the
 * TTL ({@code ReauthorizeEvery}), and the cached policy is checked against each call's method ARN.
 *
 * @param identityHeaders the headers of {@code Identity.Headers}, all required
 * @param ttl             how long an answer is cached; zero caches nothing
 */
public record LambdaAuthorizer(String name, LocalFunction function, List<String> identityHeaders, Duration ttl,
                               Map<String, Verdict> cache) {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaAuthorizer.class);

    public LambdaAuthorizer(String name, LocalFunction function, List<String> identityHeaders, Duration ttl) {
        this(name, function, List.copyOf(identityHeaders), ttl, new ConcurrentHashMap<>());
    }

    /** What the authorizer said for one identity: the policy's statements and the context, until {@code expires}. */
    record Verdict(List<Statement> statements, Map<String, Object> context, long expires) {
    }

    /** One statement of the returned policy. */
    record Statement(boolean allow, List<String> resources) {
    }

    /** The outcome of authorizing one call. */
    sealed interface Outcome {
        /** Let through, with the context (principalId included) handed to the function. */
        record Allowed(Map<String, Object> context) implements Outcome {
        }

        /** Refused by API Gateway itself with one of its gateway responses. */
        record Refused(String gatewayResponse) implements Outcome {
        }
    }

    /** Authorizes the call API Gateway is about to hand to a function, as the event it would send shows it. */
    Outcome authorize(APIGatewayProxyRequestEvent call) {
        List<String> identity = new ArrayList<>();
        for (String header : identityHeaders) {
            String value = header(call.getHeaders(), header);
            if (value == null || value.isEmpty()) {
                return new Outcome.Refused(GatewayResponses.UNAUTHORIZED);
            }
            identity.add(value);
        }
        String cacheKey = String.join("\n", identity);
        Verdict verdict = cache.get(cacheKey);
        if (verdict == null || System.nanoTime() - verdict.expires() > 0) {
            Optional<Verdict> fresh = invoke(authorizerEvent(call));
            if (fresh.isEmpty()) {
                return new Outcome.Refused(GatewayResponses.UNAUTHORIZED);
            }
            verdict = fresh.get();
            if (!ttl.isZero()) {
                cache.put(cacheKey, verdict);
            }
        }
        return allows(verdict, methodArn(call)) ? new Outcome.Allowed(verdict.context())
                : new Outcome.Refused(GatewayResponses.ACCESS_DENIED);
    }

    /** The ARN of the call, as API Gateway forms it: {@code arn:aws:execute-api:region:account:api/stage/METHOD/path}. */
    private static String methodArn(APIGatewayProxyRequestEvent call) {
        ProxyRequestContext context = call.getRequestContext();
        return "arn:aws:execute-api:" + Intrinsics.REGION + ":" + context.getAccountId() + ":" + context.getApiId()
                + "/" + context.getStage() + "/" + context.getHttpMethod() + call.getPath();
    }

    /** The REQUEST authorizer event for a call: its headers, query, path and request context. */
    private static APIGatewayCustomAuthorizerEvent authorizerEvent(APIGatewayProxyRequestEvent call) {
        ProxyRequestContext context = call.getRequestContext();
        APIGatewayCustomAuthorizerEvent.RequestContext requestContext = new APIGatewayCustomAuthorizerEvent.RequestContext();
        requestContext.setAccountId(context.getAccountId());
        requestContext.setApiId(context.getApiId());
        requestContext.setStage(context.getStage());
        requestContext.setRequestId(context.getRequestId());
        requestContext.setResourceId(context.getResourceId());
        requestContext.setResourcePath(context.getResourcePath());
        requestContext.setHttpMethod(context.getHttpMethod());
        requestContext.setPath(context.getPath());
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(methodArn(call));
        event.setResource(call.getResource());
        event.setPath(call.getPath());
        event.setHttpMethod(call.getHttpMethod());
        event.setHeaders(call.getHeaders());
        event.setQueryStringParameters(call.getQueryStringParameters());
        event.setPathParameters(call.getPathParameters());
        event.setRequestContext(requestContext);
        return event;
    }

    /** The function's answer; empty when it refused the caller ("Unauthorized"), as Lambda authorizers do. */
    private Optional<Verdict> invoke(APIGatewayCustomAuthorizerEvent event) {
        Object answer;
        try {
            answer = function.invoke(event);
        } catch (RuntimeException e) {
            if ("Unauthorized".equals(e.getMessage())) {
                return Optional.empty();
            }
            throw e;
        }
        if (!(answer instanceof IamPolicyResponseV1 policy)) {
            throw new IllegalStateException(name + " returned " + answer + ", not an IAM policy response");
        }
        // Read as API Gateway reads it: the document as the response serialises it.
        List<Statement> statements = new ArrayList<>();
        for (Object statement : list(policy.getPolicyDocument().get("Statement"))) {
            Map<?, ?> fields = (Map<?, ?>) statement;
            statements.add(new Statement("Allow".equalsIgnoreCase(String.valueOf(fields.get("Effect"))),
                    list(fields.get("Resource")).stream().map(String::valueOf).toList()));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        if (policy.getContext() != null) {
            // API Gateway hands context values on as strings.
            policy.getContext().forEach((key, value) -> context.put(key, String.valueOf(value)));
        }
        context.put("principalId", policy.getPrincipalId());
        return Optional.of(new Verdict(statements, Map.copyOf(context), System.nanoTime() + ttl.toNanos()));
    }

    /** A JSON-ish value that may be one item or several. */
    private static List<?> list(Object value) {
        if (value instanceof List<?> items) {
            return items;
        }
        if (value instanceof Object[] items) {
            return Arrays.asList(items);
        }
        return value == null ? List.of() : List.of(value);
    }

    /** IAM's rule: allowed when an Allow statement matches and no Deny statement does. */
    private static boolean allows(Verdict verdict, String methodArn) {
        boolean allowed = false;
        for (Statement statement : verdict.statements()) {
            boolean matches = statement.resources().stream().anyMatch(resource -> wildcard(resource, methodArn));
            if (matches && !statement.allow()) {
                return false;
            }
            allowed |= matches && statement.allow();
        }
        return allowed;
    }

    private static boolean wildcard(String pattern, String arn) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return arn.matches(regex.toString());
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
