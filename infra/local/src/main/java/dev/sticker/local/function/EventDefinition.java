package dev.sticker.local.function;

import java.util.Map;

/** One entry of a function's Events: its name, Type ({@code Api}, {@code SQS}, {@code S3}, {@code Schedule} ...) and resolved Properties. */
public record EventDefinition(String name, String type, Map<String, Object> properties) {

    public static final String API = "Api";
    public static final String SQS = "SQS";
    public static final String S3 = "S3";
    public static final String SCHEDULE = "Schedule";
}
