package dev.sticker.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions against parameter values, pseudo parameters and the local physical
 * names of resources. Values without intrinsics pass through unchanged.
 */
public final class Intrinsics {

    public static final String STACK_NAME = "sticker-local";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String REGION = "us-east-1";

    /** What {@code Ref: AWS::NoValue} resolves to; removed from the enclosing mapping or list. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Template template;
    private final Map<String, String> parameterValues;
    private final ResourceAttributes resources;

    public Intrinsics(Template template, Map<String, String> parameterOverrides, ResourceAttributes resources) {
        this.template = template;
        this.parameterValues = parameterValues(template, parameterOverrides);
        this.resources = resources;
    }

    public Map<String, String> parameterValues() {
        return parameterValues;
    }

    /** Resolves every intrinsic inside {@code value}; mappings and lists are copied. */
    public Object resolve(Object value) {
        Object resolved = resolveValue(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> resolveMap(Map<String, Object> value) {
        return (Map<String, Object>) resolve(value);
    }

    public String resolveString(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof Map<?, ?> || resolved instanceof List<?>) {
            throw new TemplateException("expected a text value, got " + resolved);
        }
        return resolved == null ? null : Template.scalarText(resolved);
    }

    /** Whether a resource takes part: true without a Condition, else the named condition's value. */
    public boolean isActive(Resource resource) {
        return resource.condition() == null || condition(resource.condition());
    }

    public boolean condition(String name) {
        Object declaration = template.conditions().get(name);
        if (declaration == null) {
            throw new TemplateException("the template declares no condition " + name);
        }
        return truth(resolveValue(declaration), "condition " + name);
    }

    private Object resolveValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, only.getValue());
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object resolved = resolveValue(v);
                if (resolved != NO_VALUE) {
                    copy.put(String.valueOf(k), resolved);
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                Object resolved = resolveValue(item);
                if (resolved != NO_VALUE) {
                    copy.add(resolved);
                }
            }
            return copy;
        }
        return value;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(text(resolveValue(argument), name));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(argument);
            case "Fn::Select" -> select(argument);
            case "Fn::Split" -> split(argument);
            case "Fn::If" -> ifThenElse(argument);
            case "Fn::Equals" -> equalsFunction(argument);
            case "Fn::Not" -> !truth(resolveCondition(arguments(argument, 1, name).get(0)), name);
            case "Fn::And" -> arguments(argument, -1, name).stream().allMatch(a -> truth(resolveCondition(a), name));
            case "Fn::Or" -> arguments(argument, -1, name).stream().anyMatch(a -> truth(resolveCondition(a), name));
            case "Fn::FindInMap" -> findInMap(argument);
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    text(resolveValue(argument), name).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> List.of(REGION + "a", REGION + "b", REGION + "c");
            default -> throw new TemplateException(name + " is not supported by the local cloud");
        };
    }

    private Object resolveCondition(Object argument) {
        if (argument instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Condition")) {
            return condition(String.valueOf(map.get("Condition")));
        }
        return resolveValue(argument);
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::StackName" -> STACK_NAME;
            case "AWS::AccountId" -> ACCOUNT_ID;
            case "AWS::Region" -> REGION;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackId" -> "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + STACK_NAME + "/local";
            case "AWS::NoValue" -> NO_VALUE;
            default -> {
                String parameter = parameterValues.get(name);
                if (parameter != null) {
                    yield parameter;
                }
                yield resources.attribute(template.resource(name), ResourceAttributes.REF);
            }
        };
    }

    private String getAtt(Object argument) {
        List<Object> parts = arguments(resolveValue(argument), 2, "Fn::GetAtt");
        return resources.attribute(template.resource(text(parts.get(0), "Fn::GetAtt")), text(parts.get(1), "Fn::GetAtt"));
    }

    private String sub(Object argument) {
        String pattern;
        Map<String, Object> variables;
        if (argument instanceof List<?>) {
            List<Object> parts = arguments(argument, 2, "Fn::Sub");
            pattern = text(parts.get(0), "Fn::Sub");
            variables = Template.asMap(resolveValue(parts.get(1)), "Fn::Sub variables");
        } else {
            pattern = text(argument, "Fn::Sub");
            variables = Map.of();
        }
        Matcher matcher = SUB_VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = text(variables.get(variable), "Fn::Sub variable " + variable);
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                replacement = resources.attribute(template.resource(variable.substring(0, dot)), variable.substring(dot + 1));
            } else {
                replacement = text(ref(variable), "Fn::Sub variable " + variable);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String join(Object argument) {
        List<Object> parts = arguments(argument, 2, "Fn::Join");
        String delimiter = text(resolveValue(parts.get(0)), "Fn::Join");
        List<String> items = new ArrayList<>();
        for (Object item : list(resolveValue(parts.get(1)), "Fn::Join")) {
            items.add(text(item, "Fn::Join"));
        }
        return String.join(delimiter, items);
    }

    private Object select(Object argument) {
        List<Object> parts = arguments(argument, 2, "Fn::Select");
        int index = Integer.parseInt(text(resolveValue(parts.get(0)), "Fn::Select"));
        List<Object> items = list(resolveValue(parts.get(1)), "Fn::Select");
        if (index < 0 || index >= items.size()) {
            throw new TemplateException("Fn::Select index " + index + " is outside " + items);
        }
        return items.get(index);
    }

    private List<String> split(Object argument) {
        List<Object> parts = arguments(argument, 2, "Fn::Split");
        String delimiter = text(resolveValue(parts.get(0)), "Fn::Split");
        String source = text(resolveValue(parts.get(1)), "Fn::Split");
        return List.of(source.split(Pattern.quote(delimiter), -1));
    }

    private Object ifThenElse(Object argument) {
        List<Object> parts = arguments(argument, 3, "Fn::If");
        return condition(text(parts.get(0), "Fn::If")) ? resolveValue(parts.get(1)) : resolveValue(parts.get(2));
    }

    private boolean equalsFunction(Object argument) {
        List<Object> parts = arguments(argument, 2, "Fn::Equals");
        return Template.scalarText(resolveValue(parts.get(0))).equals(Template.scalarText(resolveValue(parts.get(1))));
    }

    private Object findInMap(Object argument) {
        List<Object> parts = arguments(argument, 3, "Fn::FindInMap");
        String mapName = text(resolveValue(parts.get(0)), "Fn::FindInMap");
        String topKey = text(resolveValue(parts.get(1)), "Fn::FindInMap");
        String secondKey = text(resolveValue(parts.get(2)), "Fn::FindInMap");
        Map<String, Object> top = Template.asMap(template.mappings().get(mapName), "Mappings." + mapName);
        Object value = Template.asMap(top.get(topKey), "Mappings." + mapName + "." + topKey).get(secondKey);
        if (value == null) {
            throw new TemplateException("Mappings." + mapName + "." + topKey + " has no key " + secondKey);
        }
        return value;
    }

    private static boolean truth(Object value, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new TemplateException(where + " needs a condition, got " + value);
    }

    private static List<Object> arguments(Object argument, int expected, String function) {
        List<Object> items = list(argument, function);
        if (expected >= 0 && items.size() != expected) {
            throw new TemplateException(function + " takes " + expected + " arguments, got " + items);
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String function) {
        if (!(value instanceof List<?>)) {
            throw new TemplateException(function + " needs a list, got " + value);
        }
        return (List<Object>) value;
    }

    private static String text(Object value, String function) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?> || value == NO_VALUE) {
            throw new TemplateException(function + " needs a text value, got " + value);
        }
        return Template.scalarText(value);
    }

    private static Map<String, String> parameterValues(Template template, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : overrides.keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new TemplateException("unknown parameter " + name + "; the template declares "
                        + template.parameters().keySet());
            }
        }
        for (Parameter parameter : template.parameters().values()) {
            String value = overrides.getOrDefault(parameter.name(), parameter.defaultValue());
            if (value == null) {
                throw new TemplateException("parameter " + parameter.name() + " has no default; give it a value");
            }
            values.put(parameter.name(), value);
        }
        return Map.copyOf(values);
    }
}
