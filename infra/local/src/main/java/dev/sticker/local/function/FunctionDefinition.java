package dev.sticker.local.function;

import java.util.List;
import java.util.Map;

/**
 * A template function as the local cloud runs it: the handler class, the limits Lambda would apply, the resolved
 * environment (Globals merged with the function's own) and its event sources.
 */
public record FunctionDefinition(
        String logicalId,
        String functionName,
        String handler,
        int timeoutSeconds,
        int memoryMb,
        Map<String, String> environment,
        List<EventDefinition> events) {
}
