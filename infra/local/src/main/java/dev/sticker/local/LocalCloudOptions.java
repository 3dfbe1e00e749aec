package dev.sticker.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalCloud}.
 *
 * @param template                the SAM template to stand up
 * @param dataDir                 where tables, objects and queued messages persist; null for an ephemeral temporary
 *                                directory, deleted on close
 * @param apiPort                 the API Gateway port; 0 picks any free port
 * @param serveFunctions          whether to serve the Api routes and run the event-source pollers
 * @param parameterOverrides      template parameter values, e.g. {@code Backend=http}
 * @param visibilityTimeoutFactor multiplies every queue's VisibilityTimeout (at least one second remains), so
 *                                tests can see retries and dead-lettering in seconds; 1 keeps the template's values
 */
public record LocalCloudOptions(
        Path template,
        Path dataDir,
        int apiPort,
        boolean serveFunctions,
        Map<String, String> parameterOverrides,
        double visibilityTimeoutFactor) {

    public LocalCloudOptions {
        Objects.requireNonNull(template, "template");
        parameterOverrides = parameterOverrides == null ? Map.of() : Map.copyOf(parameterOverrides);
        if (apiPort < 0 || apiPort > 65_535) {
            throw new IllegalArgumentException("apiPort must be 0..65535, got " + apiPort);
        }
        if (!(visibilityTimeoutFactor > 0)) {
            throw new IllegalArgumentException("visibilityTimeoutFactor must be positive, got " + visibilityTimeoutFactor);
        }
    }

    public LocalCloudOptions(Path template, Path dataDir, int apiPort, boolean serveFunctions,
            Map<String, String> parameterOverrides) {
        this(template, dataDir, apiPort, serveFunctions, parameterOverrides, 1.0);
    }

    /** Everything served, nothing kept, any free API port: what tests want. */
    public static LocalCloudOptions ephemeral(Path template) {
        return new LocalCloudOptions(template, null, 0, true, Map.of());
    }

    public LocalCloudOptions withVisibilityTimeoutFactor(double factor) {
        return new LocalCloudOptions(template, dataDir, apiPort, serveFunctions, parameterOverrides, factor);
    }

    public boolean ephemeral() {
        return dataDir == null;
    }
}
