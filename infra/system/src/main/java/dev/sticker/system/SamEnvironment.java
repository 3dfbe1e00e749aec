package dev.sticker.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.function.FunctionDefinition;

/**
 * The {@code --env-vars} file of {@code sam local invoke} for the running local cloud: per function of the template,
 * the variables the template declares for it, valued as the local cloud runs them. SAM starts functions in Docker,
 * where the host's loopback is {@code host.docker.internal}, so addresses of the local servers are rewritten to it.
 * SAM overrides only variables the template declares, which is why the template lists the endpoint variables.
 */
final class SamEnvironment {

    static final String DOCKER_HOST = "host.docker.internal";
    private static final Pattern LOOPBACK = Pattern.compile("\\b(127\\.0\\.0\\.1|localhost)\\b");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SamEnvironment() {
    }

    /** {@code {"FunctionLogicalId": {"VAR": "value"}}} for every function. */
    static Map<String, Map<String, String>> of(LocalCloud cloud) {
        Map<String, Map<String, String>> functions = new TreeMap<>();
        for (String id : cloud.functionIds()) {
            FunctionDefinition definition = cloud.function(id).definition();
            Map<String, String> variables = new LinkedHashMap<>();
            definition.environment().forEach((name, declared) -> variables.put(name,
                    LOOPBACK.matcher(cloud.environment().getOrDefault(name, declared)).replaceAll(DOCKER_HOST)));
            functions.put(id, variables);
        }
        return functions;
    }

    static void write(LocalCloud cloud, Path file) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), of(cloud));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
