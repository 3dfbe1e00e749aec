package dev.sticker.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.sticker.local.function.FunctionDefinition;
import dev.sticker.local.function.LocalFunction;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final ApiStage api =
            new ApiStage("api", "v1", List.of("image/*", "application~1octet-stream"), null, GatewayResponses.none());
    private final RouteTable table = new RouteTable(List.of(
            route("any", "/files/{key+}"),
            route("get", "/requests/{id}"),
            route("get", "/requests/{id}/status"),
            route("put", "/requests/{id}/cancel"),
            route("get", "/requests/latest"),
            route("post", "/submit")));

    @Test
    void mostSpecificResourceWins() {
        assertEquals("/requests/latest", table.find("GET", "/requests/latest").orElseThrow().route().resourcePath());
        RouteTable.Match match = table.find("GET", "/requests/42/status").orElseThrow();
        assertEquals("/requests/{id}/status", match.route().resourcePath());
        assertEquals(Map.of("id", "42"), match.pathParameters());
    }

    @Test
    void greedyParameterNeedsAtLeastOneSegment() {
        assertEquals(Map.of("key", "a/b c/d.png"),
                table.find("GET", "/files/a/b%20c/d.png").orElseThrow().pathParameters());
        assertTrue(table.find("GET", "/files").isEmpty());
    }

    @Test
    void noMatchForWrongMethodTrailingSegmentsOrEmptyParameter() {
        assertTrue(table.find("POST", "/requests/latest").isEmpty());
        assertTrue(table.find("GET", "/requests/1/status/extra").isEmpty());
        assertTrue(table.find("GET", "/requests/").isEmpty());
        assertTrue(table.find("GET", "/submit").isEmpty());
    }

    @Test
    void binaryMediaTypesMatchWildcardsAndIgnoreParameters() {
        assertTrue(api.isBinary("image/png"));
        assertTrue(api.isBinary("Application/Octet-Stream; charset=binary"));
        assertEquals(false, api.isBinary("application/json"));
        assertEquals(false, api.isBinary(null));
    }

    private ApiRoute route(String method, String path) {
        FunctionDefinition definition = new FunctionDefinition("F" + path.hashCode(), "f", "none", 3, 128, Map.of(), List.of());
        return new ApiRoute(method, path, api, new LocalFunction(definition), null);
    }
}
