package dev.sticker.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.FunctionDefinition;
import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.Resource;
import dev.sticker.local.template.Template;
import dev.sticker.local.template.TemplateException;

/** Reads the template's functions the way SAM does: each function's properties over {@code Globals.Function}. */
final class TemplateFunctions {

    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;

    private TemplateFunctions() {
    }

    static List<FunctionDefinition> read(LocalStack stack) {
        Template template = stack.template();
        Intrinsics intrinsics = stack.intrinsics();
        Map<String, Object> globals = template.globalsFor("Function");
        List<FunctionDefinition> functions = new ArrayList<>();
        for (Resource resource : template.resourcesOfType(Template.FUNCTION)) {
            if (!intrinsics.isActive(resource)) {
                continue;
            }
            Map<String, Object> properties = resource.properties();
            String handler = intrinsics.resolveString(setting(properties, globals, "Handler"));
            if (handler == null) {
                throw new TemplateException(resource.logicalId() + " has no Handler");
            }
            Map<String, String> environment = new TreeMap<>();
            environment.putAll(variables(intrinsics, globals));
            environment.putAll(variables(intrinsics, properties));
            List<EventDefinition> events = new ArrayList<>();
            Template.asMap(properties.get("Events"), resource.logicalId() + ".Events").forEach((name, declared) -> {
                Map<String, Object> event = Template.asMap(declared, resource.logicalId() + ".Events." + name);
                events.add(new EventDefinition(name, String.valueOf(event.get("Type")),
                        intrinsics.resolveMap(Template.asMap(event.get("Properties"), name + ".Properties"))));
            });
            functions.add(new FunctionDefinition(
                    resource.logicalId(),
                    stack.physicalName(resource.logicalId()),
                    handler,
                    number(intrinsics.resolveString(setting(properties, globals, "Timeout")), DEFAULT_TIMEOUT_SECONDS),
                    number(intrinsics.resolveString(setting(properties, globals, "MemorySize")), DEFAULT_MEMORY_MB),
                    Map.copyOf(environment),
                    List.copyOf(events)));
        }
        return functions;
    }

    /**
     * The one environment all in-process functions share: the union of every function's variables. A key two
     * functions set differently cannot be honoured in one JVM, so it stops the start.
     */
    static Map<String, String> sharedEnvironment(List<FunctionDefinition> functions) {
        Map<String, String> shared = new TreeMap<>();
        Map<String, String> setBy = new LinkedHashMap<>();
        for (FunctionDefinition function : functions) {
            function.environment().forEach((key, value) -> {
                String previous = shared.putIfAbsent(key, value);
                if (previous != null && !previous.equals(value)) {
                    throw new TemplateException("environment variable " + key + " differs between functions: "
                            + setBy.get(key) + " has '" + previous + "', " + function.logicalId() + " has '" + value
                            + "'; in one JVM all functions share one value");
                }
                setBy.putIfAbsent(key, function.logicalId());
            });
        }
        return shared;
    }

    private static Object setting(Map<String, Object> properties, Map<String, Object> globals, String name) {
        return properties.containsKey(name) ? properties.get(name) : globals.get(name);
    }

    private static Map<String, String> variables(Intrinsics intrinsics, Map<String, Object> holder) {
        Map<String, Object> environment = Template.asMap(holder.get("Environment"), "Environment");
        Map<String, Object> variables = Template.asMap(environment.get("Variables"), "Environment.Variables");
        Map<String, String> resolved = new LinkedHashMap<>();
        variables.forEach((key, value) -> {
            String text = intrinsics.resolveString(value);
            resolved.put(key, text == null ? "" : text);
        });
        return resolved;
    }

    private static int number(String value, int fallback) {
        return value == null ? fallback : Integer.parseInt(value);
    }
}
