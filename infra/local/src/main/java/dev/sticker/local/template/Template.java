package dev.sticker.local.template;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The parts of a SAM template the local cloud acts on, in declaration order. */
public record Template(
        Map<String, Parameter> parameters,
        Map<String, Object> mappings,
        Map<String, Object> conditions,
        Map<String, Object> globals,
        Map<String, Resource> resources) {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String API = "AWS::Serverless::Api";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String QUEUE = "AWS::SQS::Queue";

    public static Template read(Path file) {
        return from(CloudFormationYaml.read(file));
    }

    public static Template from(Map<String, Object> document) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        section(document, "Parameters").forEach((name, value) -> {
            Map<String, Object> declaration = asMap(value, "Parameters." + name);
            Object defaultValue = declaration.get("Default");
            parameters.put(name, new Parameter(name, String.valueOf(declaration.getOrDefault("Type", "String")),
                    defaultValue == null ? null : scalarText(defaultValue)));
        });
        Map<String, Resource> resources = new LinkedHashMap<>();
        section(document, "Resources").forEach((logicalId, value) -> {
            Map<String, Object> declaration = asMap(value, "Resources." + logicalId);
            Object type = declaration.get("Type");
            if (type == null) {
                throw new TemplateException("resource " + logicalId + " has no Type");
            }
            Object condition = declaration.get("Condition");
            resources.put(logicalId, new Resource(logicalId, type.toString(),
                    asMap(declaration.get("Properties"), logicalId + ".Properties"),
                    condition == null ? null : condition.toString()));
        });
        return new Template(Collections.unmodifiableMap(parameters), section(document, "Mappings"),
                section(document, "Conditions"), section(document, "Globals"),
                Collections.unmodifiableMap(resources));
    }

    public List<Resource> resourcesOfType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).collect(Collectors.toList());
    }

    public Resource resource(String logicalId) {
        Resource resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException("the template declares no resource " + logicalId);
        }
        return resource;
    }

    /** The Globals section for one resource kind ({@code Function}, {@code Api}), empty when absent. */
    public Map<String, Object> globalsFor(String kind) {
        return asMap(globals.get(kind), "Globals." + kind);
    }

    /** Numbers and booleans in YAML come back typed; CloudFormation treats every parameter value as text. */
    static String scalarText(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new TemplateException(where + " must be a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> section(Map<String, Object> document, String name) {
        return asMap(document.get(name), name);
    }
}
