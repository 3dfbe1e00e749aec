package dev.sticker.core.aws;

import java.time.Duration;

/** SQS's DelaySeconds: whole seconds, rounded up, at most 15 minutes. */
final class SqsDelays {

    static final Duration MAX = Duration.ofMinutes(15);

    private SqsDelays() {
    }

    static int seconds(Duration delay) {
        return (int) Math.min(Math.max(0, (delay.toMillis() + 999) / 1000), MAX.toSeconds());
    }
}
