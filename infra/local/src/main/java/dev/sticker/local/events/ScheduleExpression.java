package dev.sticker.local.events;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sticker.local.template.TemplateException;

/**
 * An EventBridge schedule expression, as a {@code Type: Schedule} event's {@code Schedule} property gives it:
 * {@code rate(1 minute)}, {@code rate(N minutes|hours|days)}, or {@code cron(minutes hours day-of-month month
 * day-of-week year)} in UTC. Cron fields take {@code *}, {@code ?}, values, ranges {@code a-b}, steps {@code a/n} and
 * {@code a-b/n}, lists, month names (JAN-DEC) and day names (SUN-SAT, 1 is Sunday); EventBridge's {@code L}, {@code W}
 * and {@code #} are refused, as is anything EventBridge would refuse.
 */
public sealed interface ScheduleExpression {

    /** The first time strictly after {@code time} at which the schedule fires, if it ever fires again. */
    Optional<Instant> nextAfter(Instant time);

    static ScheduleExpression parse(String expression) {
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.startsWith("rate(") && trimmed.endsWith(")")) {
            return Rate.parse(trimmed.substring(5, trimmed.length() - 1).trim(), trimmed);
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return Cron.parse(trimmed.substring(5, trimmed.length() - 1).trim(), trimmed);
        }
        throw new TemplateException("a Schedule must be rate(...) or cron(...), got '" + expression + "'");
    }

    /** Every {@code period}, counted from when the rule starts. */
    record Rate(Duration period) implements ScheduleExpression {

        private static final Pattern RATE = Pattern.compile("(\\d+)\\s+(minute|minutes|hour|hours|day|days)");

        static Rate parse(String body, String expression) {
            Matcher matcher = RATE.matcher(body);
            if (!matcher.matches()) {
                throw new TemplateException("a rate must be 'rate(N minutes|hours|days)', got '" + expression + "'");
            }
            long value = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2);
            if (value < 1) {
                throw new TemplateException("a rate must be at least 1, got '" + expression + "'");
            }
            // EventBridge refuses "rate(1 minutes)" and "rate(5 minute)".
            if ((value == 1) == unit.endsWith("s")) {
                throw new TemplateException("'" + expression + "': EventBridge wants the unit "
                        + (value == 1 ? "singular for 1" : "plural for values above 1"));
            }
            ChronoUnit chronoUnit = switch (unit.replaceAll("s$", "")) {
                case "minute" -> ChronoUnit.MINUTES;
                case "hour" -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            };
            return new Rate(Duration.of(value, chronoUnit));
        }

        @Override
        public Optional<Instant> nextAfter(Instant time) {
            return Optional.of(time.plus(period));
        }
    }

    /**
     * Fires at the start of every UTC minute that all six fields match; the day field given as {@code ?} holds every
     * day, so the other one decides.
     */
    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years)
            implements ScheduleExpression {

        private static final int LAST_YEAR = 2199;
        private static final List<String> MONTHS =
                List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        /** EventBridge's last day (L), nearest weekday (W) and nth weekday (#) items. */
        private static final Pattern UNSUPPORTED_ITEM = Pattern.compile("(?i)L|LW|\\d+L|\\d+W|\\w+#\\d+");

        static Cron parse(String body, String expression) {
            String[] fields = body.split("\\s+");
            if (fields.length != 6) {
                throw new TemplateException("'" + expression + "': a cron expression has six fields (minutes hours"
                        + " day-of-month month day-of-week year), got " + fields.length);
            }
            for (String field : fields) {
                for (String item : field.split(",")) {
                    if (UNSUPPORTED_ITEM.matcher(item).matches()) {
                        throw new TemplateException("'" + expression + "': the local cloud does not support L, W"
                                + " or # in cron fields");
                    }
                }
            }
            boolean anyDayOfMonth = fields[2].equals("?");
            boolean anyDayOfWeek = fields[4].equals("?");
            if (anyDayOfMonth == anyDayOfWeek) {
                throw new TemplateException("'" + expression + "': exactly one of day-of-month and day-of-week must"
                        + " be '?'");
            }
            return new Cron(
                    field(fields[0], 0, 59, List.of(), "minutes", expression),
                    field(fields[1], 0, 23, List.of(), "hours", expression),
                    field(anyDayOfMonth ? "*" : fields[2], 1, 31, List.of(), "day-of-month", expression),
                    field(fields[3], 1, 12, MONTHS, "month", expression),
                    field(anyDayOfWeek ? "*" : fields[4], 1, 7, DAYS, "day-of-week", expression),
                    field(fields[5], 1970, LAST_YEAR, List.of(), "year", expression));
        }

        @Override
        public Optional<Instant> nextAfter(Instant time) {
            LocalDateTime start = LocalDateTime.ofInstant(time, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                    .plusMinutes(1);
            for (LocalDate day = start.toLocalDate(); day.getYear() <= LAST_YEAR; day = day.plusDays(1)) {
                if (!matches(day)) {
                    continue;
                }
                boolean firstDay = day.equals(start.toLocalDate());
                for (int hour = hours.nextSetBit(firstDay ? start.getHour() : 0); hour >= 0;
                        hour = hours.nextSetBit(hour + 1)) {
                    boolean firstHour = firstDay && hour == start.getHour();
                    int minute = minutes.nextSetBit(firstHour ? start.getMinute() : 0);
                    if (minute >= 0) {
                        return Optional.of(day.atTime(hour, minute).toInstant(ZoneOffset.UTC));
                    }
                }
            }
            return Optional.empty();
        }

        private boolean matches(LocalDate day) {
            return years.get(day.getYear()) && months.get(day.getMonthValue())
                    && daysOfMonth.get(day.getDayOfMonth()) && daysOfWeek.get(sundayFirst(day.getDayOfWeek()));
        }

        private static int sundayFirst(DayOfWeek day) {
            return day.getValue() % 7 + 1;
        }

        private static BitSet field(String field, int min, int max, List<String> names, String name,
                String expression) {
            BitSet values = new BitSet(max + 1);
            for (String item : field.split(",", -1)) {
                String range = item;
                int step = 1;
                int slash = item.indexOf('/');
                if (slash >= 0) {
                    range = item.substring(0, slash);
                    step = value(item.substring(slash + 1), 1, max, List.of(), name, expression);
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ends = range.split("-", 2);
                    from = value(ends[0], min, max, names, name, expression);
                    to = value(ends[1], min, max, names, name, expression);
                    if (from > to) {
                        throw new TemplateException("'" + expression + "': the " + name + " range " + range
                                + " runs backwards");
                    }
                } else {
                    from = value(range, min, max, names, name, expression);
                    to = slash >= 0 ? max : from;
                }
                for (int value = from; value <= to; value += step) {
                    values.set(value);
                }
            }
            return values;
        }

        private static int value(String text, int min, int max, List<String> names, String name, String expression) {
            int index = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return min + index;
            }
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new TemplateException("'" + expression + "': '" + text + "' is not a valid " + name + " value");
            }
            if (value < min || value > max) {
                throw new TemplateException("'" + expression + "': " + name + " must be " + min + ".." + max
                        + ", got " + value);
            }
            return value;
        }
    }
}
