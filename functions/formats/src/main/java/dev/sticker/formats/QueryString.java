package dev.sticker.formats;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A URL's query string ({@code a=1&b=x%20y&a=2}) decoded as browsers encode forms: {@code +} is a space, a name
 * without {@code =} has the empty value, and a repeated name keeps every value in order.
 */
public final class QueryString {

    private QueryString() {
    }

    /** Every value of every name, in order of appearance; empty for a null or empty query. */
    public static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** The last value of each name: API Gateway's single-value view of a multi-value map (query or headers). */
    public static Map<String, String> lastValues(Map<String, List<String>> parameters) {
        Map<String, String> last = new LinkedHashMap<>();
        parameters.forEach((name, values) -> last.put(name, values.isEmpty() ? "" : values.get(values.size() - 1)));
        return Collections.unmodifiableMap(last);
    }
}
