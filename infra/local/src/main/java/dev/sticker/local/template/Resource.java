package dev.sticker.local.template;

import java.util.Map;

/** One entry of the template's Resources section, properties still unresolved. */
public record Resource(String logicalId, String type, Map<String, Object> properties, String condition) {

    public Resource {
        properties = properties == null ? Map.of() : properties;
    }
}
