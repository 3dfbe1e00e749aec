package dev.sticker.formats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryStringTest {

    @Test
    void decodesNamesAndValuesAsFormsEncodeThem() {
        Map<String, List<String>> query = QueryString.parse("fal_webhook=https%3A%2F%2Fexample.com%2Fhook%3Fa%3D1"
                + "&logs=1&prompt=a+person&flag");

        assertEquals(Map.of("fal_webhook", List.of("https://example.com/hook?a=1"), "logs", List.of("1"),
                "prompt", List.of("a person"), "flag", List.of("")), query);
    }

    @Test
    void keepsEveryValueOfARepeatedNameInOrderAndTheLastWhenOneIsWanted() {
        Map<String, List<String>> query = QueryString.parse("a=1&&b=2&a=3");

        assertEquals(List.of("1", "3"), query.get("a"));
        assertEquals(Map.of("a", "3", "b", "2"), QueryString.lastValues(query));
    }

    @Test
    void noQueryIsEmpty() {
        assertEquals(Map.of(), QueryString.parse(null));
        assertEquals(Map.of(), QueryString.parse(""));
    }
}
