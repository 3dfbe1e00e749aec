package dev.sticker.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalCloud}.
 *
 * @param template                the SAM template to stand up
 * @param dataDir                 where tables, objects and queued messages persist; null for an ephemeral temporary
 *                                directory, deleted on close
 * @param apiPort                 the API Gateway port; 0 picks any free port
 * @param serveFunctions          whether to serve the Api routes and run the event sources (SQS pollers, S3
 *                                notifications, schedules)
 * @param parameterOverrides      template parameter values, e.g. {@code Backends=fal,builtin}
 * @param visibilityTimeoutFactor multiplies every queue's VisibilityTimeout (at least one second remains), so
 *                                tests can see retries and dead-lettering in seconds; 1 keeps the template's values
 * @param schedulePeriod          runs every {@code Type: Schedule} event at this period instead of its own rate or
 *                                cron expression, so tests see scheduled invocations in seconds; null keeps the
 *                                template's schedules
 * @param sqsConcurrency          how many batches each SQS event source hands its function at once, as Lambda scales
 *                                out its pollers; an event's {@code ScalingConfig.MaximumConcurrency} lowers it
 * @param stopGrace               how long {@link LocalCloud#close()} lets running invocations finish before it stops
 *                                the servers under them
 */
public record LocalCloudOptions(
        Path template,
        Path dataDir,
        int apiPort,
        boolean serveFunctions,
        Map<String, String> parameterOverrides,
        double visibilityTimeoutFactor,
        Duration schedulePeriod,
        int sqsConcurrency,
        Duration stopGrace) {

    /** Thirty seconds, a little more than the longest function Timeout a queue of ours feeds. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    public LocalCloudOptions {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(stopGrace, "stopGrace");
        parameterOverrides = parameterOverrides == null ? Map.of() : Map.copyOf(parameterOverrides);
        if (apiPort < 0 || apiPort > 65_535) {
            throw new IllegalArgumentException("apiPort must be 0..65535, got " + apiPort);
        }
        if (!(visibilityTimeoutFactor > 0)) {
            throw new IllegalArgumentException("visibilityTimeoutFactor must be positive, got " + visibilityTimeoutFactor);
        }
        if (schedulePeriod != null && (schedulePeriod.isNegative() || schedulePeriod.isZero())) {
            throw new IllegalArgumentException("schedulePeriod must be positive, got " + schedulePeriod);
        }
        if (sqsConcurrency < 1) {
            throw new IllegalArgumentException("sqsConcurrency must be at least 1, got " + sqsConcurrency);
        }
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative, got " + stopGrace);
        }
    }

    public LocalCloudOptions(Path template, Path dataDir, int apiPort, boolean serveFunctions,
            Map<String, String> parameterOverrides, double visibilityTimeoutFactor) {
        this(template, dataDir, apiPort, serveFunctions, parameterOverrides, visibilityTimeoutFactor, null,
                defaultSqsConcurrency(), DEFAULT_STOP_GRACE);
    }

    public LocalCloudOptions(Path template, Path dataDir, int apiPort, boolean serveFunctions,
            Map<String, String> parameterOverrides) {
        this(template, dataDir, apiPort, serveFunctions, parameterOverrides, 1.0);
    }

    /** Everything served, nothing kept, any free API port: what tests want. */
    public static LocalCloudOptions ephemeral(Path template) {
        return new LocalCloudOptions(template, null, 0, true, Map.of());
    }

    /** One invocation per core at a time for each SQS event source: what one machine can run without thrashing. */
    public static int defaultSqsConcurrency() {
        return Runtime.getRuntime().availableProcessors();
    }

    public LocalCloudOptions withVisibilityTimeoutFactor(double factor) {
        return new LocalCloudOptions(template, dataDir, apiPort, serveFunctions, parameterOverrides, factor,
                schedulePeriod, sqsConcurrency, stopGrace);
    }

    public LocalCloudOptions withSchedulePeriod(Duration period) {
        return new LocalCloudOptions(template, dataDir, apiPort, serveFunctions, parameterOverrides,
                visibilityTimeoutFactor, period, sqsConcurrency, stopGrace);
    }

    public LocalCloudOptions withSqsConcurrency(int concurrency) {
        return new LocalCloudOptions(template, dataDir, apiPort, serveFunctions, parameterOverrides,
                visibilityTimeoutFactor, schedulePeriod, concurrency, stopGrace);
    }

    public LocalCloudOptions withStopGrace(Duration grace) {
        return new LocalCloudOptions(template, dataDir, apiPort, serveFunctions, parameterOverrides,
                visibilityTimeoutFactor, schedulePeriod, sqsConcurrency, grace);
    }

    public boolean ephemeral() {
        return dataDir == null;
    }
}
