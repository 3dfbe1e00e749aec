package dev.sticker.worker;

import java.util.HashMap;
import java.util.Map;

/** JVM system properties set for one test class and put back afterwards: handlers read their settings from them. */
final class SystemProperties {

    private final Map<String, String> previous = new HashMap<>();

    private SystemProperties() {
    }

    static SystemProperties set(Map<String, String> values) {
        SystemProperties properties = new SystemProperties();
        values.forEach((key, value) -> properties.previous.put(key, System.setProperty(key, value)));
        return properties;
    }

    void restore() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
