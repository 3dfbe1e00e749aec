package dev.sticker.system;

import dev.sticker.settings.Setting;

import java.util.HashMap;
import java.util.Map;

/**
 * Provider secrets given as system properties, the way the functions in this JVM read them (the local cloud takes them
 * from the environment at start, which a test cannot set), and put back as they were on close.
 */
final class SecretProperties implements AutoCloseable {

    private final Map<String, String> previous = new HashMap<>();

    SecretProperties(Map<Setting, String> secrets) {
        secrets.forEach((setting, value) -> previous.put(setting.variable(),
                System.setProperty(setting.variable(), value)));
    }

    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
