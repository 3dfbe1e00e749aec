package dev.sticker.local.function;

import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;

/** Sends what a handler writes to {@code context.getLogger()} to the function's slf4j logger. */
final class Slf4jLambdaLogger implements LambdaLogger {

    private final Logger logger;

    Slf4jLambdaLogger(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void log(String message) {
        logger.info(message.stripTrailing());
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
