package dev.sticker.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.formats.QueryString;
import dev.sticker.local.template.Intrinsics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Gateway (REST API, Lambda proxy integration, payload format 1.0) on a local port: each request is matched to
 * a template route, turned into the {@link APIGatewayProxyRequestEvent} API Gateway would send, handed to the
 * function in-process, and the {@link APIGatewayProxyResponseEvent} is written back.
 *
 * <p>Header names reach functions in lower case (as HTTP/2 clients send them), so handlers must compare names
 * case-insensitively, which they must on AWS as well. Paths are served without the stage prefix, as on a custom
 * domain; a leading {@code /<stage>} is accepted too.
 */
public final class ApiGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);
    private static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final int THREADS = 8;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final RouteTable routes;
    private final HttpServer server;
    private final ExecutorService threads;

    private ApiGateway(RouteTable routes, HttpServer server, ExecutorService threads) {
        this.routes = routes;
        this.server = server;
        this.threads = threads;
    }

    /** Serves {@code routes} on 127.0.0.1:{@code port} (0: any free port). */
    public static ApiGateway start(List<ApiRoute> routes, int port) {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // every small response then waits ~40 ms. The JDK reads this once, when its server first starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (is another instance running?)", e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "api-gateway-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ApiGateway gateway = new ApiGateway(new RouteTable(routes), server, threads);
        server.createContext("/", gateway::handle);
        server.setExecutor(threads);
        server.start();
        LOG.debug("API Gateway on port {} with {} routes", server.getAddress().getPort(), routes.size());
        return gateway;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (body.length > MAX_PAYLOAD_BYTES) {
                reply(exchange, requestId, 413, "{\"message\":\"Request Too Long\"}");
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String routedPath = rawPath;
            Optional<RouteTable.Match> match = routes.find(method, rawPath);
            Optional<String> withoutStage = stripStage(rawPath);
            if (match.isEmpty() && withoutStage.isPresent()) {
                routedPath = withoutStage.get();
                match = routes.find(method, routedPath);
            }
            if (match.isEmpty() && method.equals("OPTIONS") && preflight(exchange, routedPath, requestId)) {
                return;
            }
            if (match.isEmpty()) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "MissingAuthenticationTokenException");
                reply(exchange, requestId, 403, "{\"message\":\"Missing Authentication Token\"}");
                return;
            }
            RouteTable.Match matched = match.get();
            APIGatewayProxyRequestEvent event = requestEvent(exchange, matched, RouteTable.decode(routedPath), body, requestId);
            if (matched.route().authorizer() != null) {
                LambdaAuthorizer.Outcome outcome = matched.route().authorizer().authorize(event);
                if (outcome instanceof LambdaAuthorizer.Outcome.Refused refused) {
                    GatewayResponses.Response response = matched.route().api().responses().response(refused.gatewayResponse());
                    response.headers().forEach(exchange.getResponseHeaders()::set);
                    reply(exchange, requestId, response.status(), response.body());
                    return;
                }
                event.getRequestContext().setAuthorizer(((LambdaAuthorizer.Outcome.Allowed) outcome).context());
            }
            Object result;
            try {
                result = matched.route().function().invoke(event, requestId);
            } catch (RuntimeException | Error e) {
                LOG.error("{} failed on {} {} (request {})", matched.route().function().definition().logicalId(),
                        method, rawPath, requestId, e);
                reply(exchange, requestId, 502, "{\"message\": \"Internal server error\"}");
                return;
            }
            if (!(result instanceof APIGatewayProxyResponseEvent response) || response.getStatusCode() == null) {
                LOG.error("{} returned a malformed proxy response: {} (request {})",
                        matched.route().function().definition().logicalId(), result, requestId);
                reply(exchange, requestId, 502, "{\"message\": \"Internal server error\"}");
                return;
            }
            writeResponse(exchange, requestId, response);
        } catch (IOException e) {
            LOG.debug("client went away during request {}: {}", requestId, e.toString());
        } catch (RuntimeException e) {
            LOG.error("request {} failed in the gateway", requestId, e);
        }
    }

    /** Answers a CORS preflight the way SAM's generated OPTIONS method does, if the resource's API has Cors. */
    private boolean preflight(HttpExchange exchange, String rawPath, String requestId) throws IOException {
        Optional<RouteTable.Match> resource = routes.resource(rawPath);
        if (resource.isEmpty() || resource.get().route().api().cors() == null) {
            return false;
        }
        ApiRoute route = resource.get().route();
        List<String> methods = new ArrayList<>(routes.resourceRoutes(route).map(ApiRoute::method).distinct().toList());
        methods.add("OPTIONS");
        route.api().cors().preflightHeaders(String.join(",", methods))
                .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, new byte[0]);
        return true;
    }

    private Optional<String> stripStage(String rawPath) {
        return routes.routes().stream()
                .map(route -> "/" + route.api().stageName())
                .filter(prefix -> rawPath.startsWith(prefix + "/"))
                .findFirst()
                .map(prefix -> rawPath.substring(prefix.length()));
    }

    private static APIGatewayProxyRequestEvent requestEvent(HttpExchange exchange, RouteTable.Match match,
            String path, byte[] body, String requestId) {
        ApiRoute route = match.route();
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                multiValueHeaders.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        multiValueHeaders.putIfAbsent("x-forwarded-for", List.of(sourceIp));
        multiValueHeaders.putIfAbsent("x-forwarded-proto", List.of("http"));
        multiValueHeaders.putIfAbsent("x-forwarded-port", List.of(Integer.toString(exchange.getLocalAddress().getPort())));
        Map<String, String> headers = QueryString.lastValues(multiValueHeaders);

        Map<String, List<String>> multiValueQuery = QueryString.parse(exchange.getRequestURI().getRawQuery());

        RequestIdentity identity = new RequestIdentity();
        identity.setSourceIp(sourceIp);
        identity.setUserAgent(headers.get("user-agent"));
        ProxyRequestContext context = new ProxyRequestContext();
        context.setAccountId(Intrinsics.ACCOUNT_ID);
        context.setApiId(route.api().apiId());
        context.setStage(route.api().stageName());
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setResourceId(Integer.toHexString(route.resourcePath().hashCode()));
        context.setResourcePath(route.resourcePath());
        context.setHttpMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        context.setPath("/" + route.api().stageName() + path);
        context.setProtocol(exchange.getProtocol());
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        context.setRequestTime(REQUEST_TIME.format(now));
        context.setRequestTimeEpoch(now.toInstant().toEpochMilli());
        context.setDomainName(headers.getOrDefault("host", "127.0.0.1"));
        context.setIdentity(identity);

        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setResource(route.resourcePath());
        event.setPath(path);
        event.setHttpMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        event.setHeaders(headers);
        event.setMultiValueHeaders(multiValueHeaders);
        event.setQueryStringParameters(multiValueQuery.isEmpty() ? null : QueryString.lastValues(multiValueQuery));
        event.setMultiValueQueryStringParameters(multiValueQuery.isEmpty() ? null : multiValueQuery);
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setStageVariables(null);
        event.setRequestContext(context);
        if (body.length == 0) {
            event.setBody(null);
            event.setIsBase64Encoded(false);
        } else if (route.api().isBinary(headers.get("content-type"))) {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        } else {
            event.setBody(new String(body, StandardCharsets.UTF_8));
            event.setIsBase64Encoded(false);
        }
        return event;
    }

    private static void writeResponse(HttpExchange exchange, String requestId, APIGatewayProxyResponseEvent response)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        // API Gateway merges both maps; a name present in multiValueHeaders takes its values from there.
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!out.containsKey(name)) {
                    out.add(name, value);
                }
            });
        }
        if (!out.containsKey("Content-Type")) {
            out.add("Content-Type", "application/json");
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        out.set("x-amzn-RequestId", requestId);
        send(exchange, response.getStatusCode(), bytes);
    }

    private static void reply(HttpExchange exchange, String requestId, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        boolean noBody = bytes.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }

}
