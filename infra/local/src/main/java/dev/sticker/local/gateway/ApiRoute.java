package dev.sticker.local.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.sticker.local.function.LocalFunction;

/**
 * One {@code Type: Api} event: a method and a path template such as {@code /requests/{id}} or {@code /files/{key+}}
 * (greedy: the rest of the path), served by a function, behind an authorizer or none (null).
 */
public record ApiRoute(String method, String resourcePath, ApiStage api, LocalFunction function,
                       LambdaAuthorizer authorizer) {

    public static final String ANY = "ANY";

    public ApiRoute {
        method = method.toUpperCase(Locale.ROOT);
        if (!resourcePath.startsWith("/")) {
            resourcePath = "/" + resourcePath;
        }
    }

    /** How specific each segment is: a literal beats {param}, which beats {greedy+}; lower sorts first. */
    List<Integer> specificity() {
        return segments(resourcePath).stream().map(s -> s.endsWith("+}") ? 2 : s.startsWith("{") ? 1 : 0).toList();
    }

    boolean acceptsMethod(String requestMethod) {
        return method.equals(ANY) || method.equals(requestMethod);
    }

    /** The path parameters when {@code path} (decoded segments) fits this route's template. */
    Optional<Map<String, String>> match(List<String> path) {
        List<String> template = segments(resourcePath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            if (segment.endsWith("+}")) {
                if (i >= path.size()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 2), String.join("/", path.subList(i, path.size())));
                return Optional.of(parameters);
            }
            if (i >= path.size()) {
                return Optional.empty();
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (path.get(i).isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return path.size() == template.size() ? Optional.of(parameters) : Optional.empty();
    }

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
        segments.remove(0);
        if (segments.size() == 1 && segments.get(0).isEmpty()) {
            segments.clear();
        }
        return segments;
    }
}
