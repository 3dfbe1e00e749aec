package dev.sticker.local.gateway;

import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Picks the route API Gateway would: among the templates that fit the path, the most specific one. */
final class RouteTable {

    record Match(ApiRoute route, Map<String, String> pathParameters) {
    }

    private static final Comparator<List<Integer>> MOST_SPECIFIC_FIRST = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int difference = Integer.compare(a.get(i), b.get(i));
            if (difference != 0) {
                return difference;
            }
        }
        return Integer.compare(b.size(), a.size());
    };

    private final List<ApiRoute> routes;

    RouteTable(List<ApiRoute> routes) {
        this.routes = routes.stream().sorted(Comparator.comparing(ApiRoute::specificity, MOST_SPECIFIC_FIRST)).toList();
    }

    List<ApiRoute> routes() {
        return routes;
    }

    /**
     * {@code rawPath} is the request path as sent, percent-encoding intact. Like API Gateway, the most specific
     * resource that fits the path is chosen first; if it has no such method, there is no match.
     */
    Optional<Match> find(String method, String rawPath) {
        return resource(rawPath).flatMap(resource -> resourceRoutes(resource.route())
                .filter(r -> r.acceptsMethod(method))
                .min(Comparator.comparing(r -> r.method().equals(ApiRoute.ANY)))
                .map(r -> new Match(r, resource.pathParameters())));
    }

    /** The most specific resource fitting the path, whatever the method; its route is any one of that resource. */
    Optional<Match> resource(String rawPath) {
        List<String> path = ApiRoute.segments(rawPath).stream().map(RouteTable::decode).toList();
        for (ApiRoute route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** Every route declared on the same resource path (and API) as {@code route}. */
    Stream<ApiRoute> resourceRoutes(ApiRoute route) {
        return routes.stream().filter(r -> r.resourcePath().equals(route.resourcePath()) && r.api().equals(route.api()));
    }

    static String decode(String segment) {
        // Path segments are percent-encoded; '+' is a literal plus there, unlike in a query string.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
