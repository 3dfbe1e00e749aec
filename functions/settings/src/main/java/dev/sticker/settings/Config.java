package dev.sticker.settings;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one lookup of settings. A function reads a setting as the JVM system property of its variable's name first, then
 * as the environment variable: on Lambda only the environment is set; the local cloud runs every function in one JVM
 * and passes its environment as system properties. A value that cannot be used is an {@link IllegalArgumentException}
 * naming the variable, so a function refuses to start rather than run misconfigured.
 */
public final class Config {

    private final UnaryOperator<String> source;

    private Config(UnaryOperator<String> source) {
        this.source = source;
    }

    /** System properties, then the environment. */
    public static Config system() {
        return new Config(variable -> {
            String property = System.getProperty(variable);
            return property != null ? property : System.getenv(variable);
        });
    }

    /** Any source of raw values by variable name (null: not set). */
    public static Config of(UnaryOperator<String> source) {
        return new Config(source);
    }

    /** The value as set, else the default; "" for a setting with neither. */
    public String text(Setting setting) {
        String value = source.apply(setting.variable());
        if (value != null) {
            return value.strip();
        }
        return setting.defaultValue() == null ? "" : setting.defaultValue();
    }

    /** The value when set and not blank. */
    public Optional<String> optional(Setting setting) {
        return Optional.of(text(setting)).filter(value -> !value.isEmpty());
    }

    /** A comma-separated list, blank entries dropped. */
    public List<String> list(Setting setting) {
        return Arrays.stream(text(setting).split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    /** A whole number in {@code [min, max]}. */
    public long wholeNumber(Setting setting, long min, long max) {
        long number = parsed(setting, "a whole number", Long::parseLong);
        if (number < min || number > max) {
            throw invalid(setting, "between " + min + " and " + max, text(setting));
        }
        return number;
    }

    /** A number above 0 (fractions allowed). */
    public double positiveNumber(Setting setting) {
        double number = parsed(setting, "a number", Double::parseDouble);
        if (!(number > 0) || Double.isInfinite(number)) {
            throw invalid(setting, "above 0", text(setting));
        }
        return number;
    }

    /** A decimal number of at least 0, exactly as written (money). */
    public BigDecimal nonNegativeDecimal(Setting setting) {
        BigDecimal number = parsed(setting, "a decimal number", BigDecimal::new);
        if (number.signum() < 0) {
            throw invalid(setting, "at least 0", text(setting));
        }
        return number;
    }

    /** {@code name=value} pairs separated by commas; blank entries dropped. */
    public Map<String, String> pairs(Setting setting) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : list(setting)) {
            int equals = entry.lastIndexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw invalid(setting, "name=value pairs separated by commas", text(setting));
            }
            pairs.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return Collections.unmodifiableMap(pairs);
    }

    /** A comma-separated list of the given words, each once, compared ignoring case; answers them in lower case. */
    public List<String> listOf(Setting setting, List<String> allowed) {
        List<String> words = new ArrayList<>();
        for (String word : list(setting)) {
            String known = allowed.stream().filter(word::equalsIgnoreCase).findFirst()
                    .orElseThrow(() -> invalid(setting, "a list of " + String.join(", ", allowed), text(setting)));
            if (words.contains(known)) {
                throw invalid(setting, "each of " + String.join(", ", allowed) + " at most once", text(setting));
            }
            words.add(known);
        }
        if (words.isEmpty()) {
            throw invalid(setting, "at least one of " + String.join(", ", allowed), text(setting));
        }
        return List.copyOf(words);
    }

    private <T> T parsed(Setting setting, String expected, Function<String, T> parser) {
        String value = text(setting);
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw invalid(setting, expected, value);
        }
    }

    private static IllegalArgumentException invalid(Setting setting, String expected, String value) {
        return new IllegalArgumentException(setting.variable() + " must be " + expected + ", got " + value);
    }
}
