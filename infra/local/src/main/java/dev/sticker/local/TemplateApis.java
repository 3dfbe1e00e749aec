package dev.sticker.local;

import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.local.gateway.ApiRoute;
import dev.sticker.local.gateway.ApiStage;
import dev.sticker.local.gateway.Cors;
import dev.sticker.local.gateway.GatewayResponses;
import dev.sticker.local.gateway.LambdaAuthorizer;
import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.Resource;
import dev.sticker.local.template.Template;
import dev.sticker.local.template.TemplateException;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's REST APIs as the local API Gateway serves them: each {@code Type: Api} event becomes a route of its
 * API's stage, behind the authorizer the API's {@code Auth} and the event's {@code Auth} give it. Authorizers are
 * REQUEST Lambda authorizers of the template's functions, named by {@code !GetAtt Function.Arn}.
 */
final class TemplateApis {

    /** API Gateway's cache TTL when {@code ReauthorizeEvery} is not given. */
    private static final Duration DEFAULT_TTL = Duration.ofSeconds(300);
    private static final String NONE = "NONE";

    private final LocalStack stack;
    private final Map<String, LocalFunction> functions;
    private final Map<String, Api> apis = new HashMap<>();

    TemplateApis(LocalStack stack, Map<String, LocalFunction> functions) {
        this.stack = stack;
        this.functions = functions;
    }

    /** One API: its stage, its authorizers by name, and the one its routes use unless they say otherwise. */
    private record Api(ApiStage stage, Map<String, LambdaAuthorizer> authorizers, String defaultAuthorizer) {
    }

    ApiRoute route(LocalFunction function, EventDefinition event) {
        Api api = apis.computeIfAbsent(apiId(event), id -> api(id, event));
        Object auth = event.properties().get("Auth");
        String authorizer = auth instanceof Map<?, ?> map && map.get("Authorizer") != null
                ? String.valueOf(map.get("Authorizer")) : api.defaultAuthorizer();
        LambdaAuthorizer lambda = null;
        if (authorizer != null && !authorizer.equals(NONE)) {
            lambda = api.authorizers().get(authorizer);
            if (lambda == null) {
                throw new TemplateException("event " + event.name() + " names unknown authorizer " + authorizer);
            }
        }
        return new ApiRoute(String.valueOf(event.properties().get("Method")),
                String.valueOf(event.properties().get("Path")), api.stage(), function, lambda);
    }

    private static String apiId(EventDefinition event) {
        Object id = event.properties().get("RestApiId");
        return id == null ? "serverlessrestapi" : id.toString();
    }

    /** The API an Api event belongs to: its RestApiId, or SAM's implicit API shaped by Globals.Api. */
    private Api api(String id, EventDefinition event) {
        Map<String, Object> api;
        if (event.properties().get("RestApiId") == null) {
            api = stack.template().globalsFor("Api");
        } else {
            Resource resource = stack.template().resources().values().stream()
                    .filter(r -> r.type().equals(Template.API) && stack.physicalName(r.logicalId()).equals(id))
                    .findFirst()
                    .orElseThrow(() -> new TemplateException("event " + event.name() + " names unknown API " + id));
            api = resource.properties();
        }
        Intrinsics intrinsics = stack.intrinsics();
        String stage = api.containsKey("StageName") ? intrinsics.resolveString(api.get("StageName")) : "Prod";
        Object binary = intrinsics.resolve(api.get("BinaryMediaTypes"));
        List<String> binaryTypes = binary instanceof List<?> types ? types.stream().map(String::valueOf).toList()
                : List.of();
        Object cors = api.get("Cors");
        Object responses = api.get("GatewayResponses");
        ApiStage apiStage = new ApiStage(id, stage, binaryTypes, cors == null ? null : Cors.from(intrinsics.resolve(cors)),
                responses == null ? GatewayResponses.none()
                        : GatewayResponses.from(Template.asMap(intrinsics.resolve(responses), "GatewayResponses")));
        Map<String, Object> auth = api.get("Auth") == null ? Map.of() : Template.asMap(api.get("Auth"), "Auth");
        Map<String, LambdaAuthorizer> authorizers = new LinkedHashMap<>();
        Map<String, Object> declared = auth.get("Authorizers") == null ? Map.of()
                : Template.asMap(auth.get("Authorizers"), "Auth.Authorizers");
        declared.forEach((name, definition) -> authorizers.put(name,
                authorizer(name, Template.asMap(definition, "authorizer " + name))));
        Object defaultAuthorizer = auth.get("DefaultAuthorizer");
        return new Api(apiStage, authorizers, defaultAuthorizer == null ? null
                : intrinsics.resolveString(defaultAuthorizer));
    }

    private LambdaAuthorizer authorizer(String name, Map<String, Object> definition) {
        Intrinsics intrinsics = stack.intrinsics();
        if (!"REQUEST".equals(intrinsics.resolveString(definition.getOrDefault("FunctionPayloadType", "TOKEN")))) {
            throw new TemplateException("authorizer " + name + ": only REQUEST Lambda authorizers are emulated");
        }
        Object arn = definition.get("FunctionArn");
        if (!(arn instanceof Map<?, ?> getAtt) || !(getAtt.get("Fn::GetAtt") instanceof List<?> target)) {
            throw new TemplateException("authorizer " + name + ": FunctionArn must be !GetAtt <Function>.Arn");
        }
        LocalFunction function = functions.get(String.valueOf(target.get(0)));
        if (function == null) {
            throw new TemplateException("authorizer " + name + " names unknown function " + target.get(0));
        }
        Map<String, Object> identity = definition.get("Identity") == null ? Map.of()
                : Template.asMap(intrinsics.resolve(definition.get("Identity")), "authorizer " + name + " Identity");
        Object headers = identity.get("Headers");
        Object ttl = identity.get("ReauthorizeEvery");
        return new LambdaAuthorizer(name, function,
                headers instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(),
                ttl == null ? DEFAULT_TTL : Duration.ofSeconds(Long.parseLong(ttl.toString())));
    }
}
