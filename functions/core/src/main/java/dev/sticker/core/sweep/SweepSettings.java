package dev.sticker.core.sweep;

import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;

import java.time.Duration;

/**
 * When the sweeper acts ({@link Setting} says what each means).
 *
 * @param workerTimeout  the worker function's timeout: a job running for longer has lost its worker
 * @param queuedAfter    how long a request may wait with no sign of its job
 * @param maxRequeues    how many times its job is queued again before the request is ended
 * @param remoteTimeout  how long a provider elsewhere may take
 */
public record SweepSettings(Duration workerTimeout, Duration queuedAfter, int maxRequeues, Duration remoteTimeout) {

    public static SweepSettings from(Config config) {
        return new SweepSettings(Duration.ofSeconds(config.wholeNumber(Setting.WORKER_TIMEOUT_SECONDS, 1, 900)),
                Duration.ofSeconds(config.wholeNumber(Setting.SWEEP_QUEUED_AFTER_SECONDS, 1, 86_400)),
                (int) config.wholeNumber(Setting.SWEEP_MAX_REQUEUES, 0, 100),
                Duration.ofSeconds(config.wholeNumber(Setting.REMOTE_TIMEOUT_SECONDS, 1, 86_400)));
    }
}
