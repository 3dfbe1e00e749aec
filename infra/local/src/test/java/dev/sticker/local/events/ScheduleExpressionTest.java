package dev.sticker.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.sticker.local.template.TemplateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

    @ParameterizedTest
    @CsvSource({
            "rate(1 minute), PT1M",
            "rate(5 minutes), PT5M",
            "rate(2 hours), PT2H",
            "rate(1 day), PT24H",
            "rate( 30 days ), PT720H"})
    void rateFiresOnePeriodAfterTheLastTime(String expression, Duration period) {
        Instant last = Instant.parse("2024-03-10T10:07:30Z");
        assertEquals(Optional.of(last.plus(period)), ScheduleExpression.parse(expression).nextAfter(last));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Every quarter hour; a time on the boundary is not "after" itself.
            "cron(0/15 * * * ? *)      | 2024-03-10T10:07:30Z | 2024-03-10T10:15:00Z",
            "cron(0/15 * * * ? *)      | 2024-03-10T10:45:00Z | 2024-03-10T11:00:00Z",
            "cron(0 3 * * ? *)         | 2024-03-10T05:00:00Z | 2024-03-11T03:00:00Z",
            // 2024-03-08 is a Friday: the next weekday morning is Monday's.
            "cron(30 9 ? * MON-FRI *)  | 2024-03-08T10:00:00Z | 2024-03-11T09:30:00Z",
            "cron(30 9 ? * 2-6 *)      | 2024-03-08T10:00:00Z | 2024-03-11T09:30:00Z",
            "cron(0 18 ? * SUN *)      | 2024-03-10T17:59:59Z | 2024-03-10T18:00:00Z",
            "cron(0 0 29 FEB ? *)      | 2023-03-01T00:00:00Z | 2024-02-29T00:00:00Z",
            "cron(5,35 8-9 1 jan,jul ? 2025) | 2024-12-31T00:00:00Z | 2025-01-01T08:05:00Z",
            "cron(5,35 8-9 1 jan,jul ? 2025) | 2025-01-01T09:35:00Z | 2025-07-01T08:05:00Z"})
    void cronFiresAtTheNextMatchingUtcMinute(String expression, Instant after, Instant expected) {
        assertEquals(Optional.of(expected), ScheduleExpression.parse(expression).nextAfter(after));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 12 1 1 ? 2020)", "cron(0 0 31 FEB ? *)"})
    void cronThatCannotFireAgainHasNoNextTime(String expression) {
        assertTrue(ScheduleExpression.parse(expression).nextAfter(Instant.parse("2024-01-01T00:00:00Z")).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 weeks)", "rate(five minutes)",
            "every(5 minutes)", "", "cron(0 3 * * ?)", "cron(0 3 * * * *)", "cron(0 3 ? * ? *)",
            "cron(60 * * * ? *)", "cron(0 24 * * ? *)", "cron(0 0 10-2 * ? *)", "cron(0 0 L * ? *)",
            "cron(0 0 15W * ? *)", "cron(0 0 ? * 6#3 *)", "cron(0 0 ? * 6L *)", "cron(0 0 ? * 8 *)",
            "cron(0 0 ? * FUN *)", "cron(0 0 1 * ? 1969)"})
    void expressionsEventBridgeWouldRefuseOrTheLocalCloudCannotRunAreRefused(String expression) {
        assertThrows(TemplateException.class, () -> ScheduleExpression.parse(expression));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 0 L * ? *)", "cron(0 0 ? * 6#3 *)"})
    void unsupportedCronItemsAreNamedInTheRefusal(String expression) {
        TemplateException refusal = assertThrows(TemplateException.class, () -> ScheduleExpression.parse(expression));
        assertTrue(refusal.getMessage().contains("does not support L, W or #"), refusal.getMessage());
    }
}
