package dev.shipshape.render.docs;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The recovery point objective a backup schedule implies: the longest time between two
 * consecutive scheduled backups, which is the most data a restore can lose (plus the backup's own
 * run time). Schedules are five-field Unix cron expressions in UTC, as a Kubernetes CronJob reads
 * them, evaluated with cron-utils.
 */
final class RecoveryPoint {

    /** A fixed window, so the result never depends on today's date: four years, one of them leap. */
    private static final ZonedDateTime WINDOW_START = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final ZonedDateTime WINDOW_END = WINDOW_START.plusYears(4);
    /** Enough runs to see every gap of any practical schedule without walking a per-minute one for years. */
    private static final int MAX_RUNS = 10_000;
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private RecoveryPoint() {
    }

    /**
     * The longest gap between consecutive runs of {@code schedule} within a fixed four-year window
     * (the edges of the window count as runs, so a yearly schedule yields about a year).
     *
     * @param schedule five-field Unix cron expression
     * @return the longest gap, at least one minute
     * @throws IllegalArgumentException if {@code schedule} is not a valid Unix cron expression
     */
    static Duration longestGap(String schedule) {
        ExecutionTime executions = ExecutionTime.forCron(new CronParser(
                CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(asUnix(schedule)).validate());
        Duration longest = Duration.ZERO;
        ZonedDateTime previous = WINDOW_START;
        ZonedDateTime cursor = WINDOW_START.minusMinutes(1);
        for (int run = 0; run < MAX_RUNS; run++) {
            Optional<ZonedDateTime> next = executions.nextExecution(cursor);
            ZonedDateTime at = next.filter(time -> !time.isAfter(WINDOW_END)).orElse(WINDOW_END);
            Duration gap = Duration.between(previous, at);
            if (gap.compareTo(longest) > 0) {
                longest = gap;
            }
            if (at.equals(WINDOW_END)) {
                break;
            }
            previous = at;
            cursor = at;
        }
        return longest.isZero() ? Duration.ofMinutes(1) : longest;
    }

    /**
     * The schedule in the dialect cron-utils' Unix definition reads: {@code ?} (which Kubernetes,
     * like robfig/cron, takes as {@code *} in the day fields) becomes {@code *}, and day-of-week
     * names become numbers 0-6 (cron-utils maps {@code SUN} to 7, which breaks {@code SUN-SAT}).
     */
    private static String asUnix(String schedule) {
        String[] fields = schedule.strip().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a cron schedule has five fields, not " + fields.length + ": " + schedule);
        }
        for (int i = 2; i < fields.length; i += 2) {
            fields[i] = fields[i].equals("?") ? "*" : fields[i];
        }
        String dayOfWeek = fields[4].toUpperCase(Locale.ROOT);
        for (int day = 0; day < DAY_NAMES.size(); day++) {
            dayOfWeek = dayOfWeek.replace(DAY_NAMES.get(day), Integer.toString(day));
        }
        fields[4] = dayOfWeek;
        return String.join(" ", fields);
    }

    /**
     * The objective in words: {@code 15 minutes}, {@code 24 hours}, {@code 7 days},
     * {@code 2 days 6 hours}; hours up to 48, days beyond.
     *
     * @param schedule five-field Unix cron expression
     * @throws IllegalArgumentException if {@code schedule} is not a valid Unix cron expression
     */
    static String describe(String schedule) {
        return words(longestGap(schedule));
    }

    /** {@code duration} in words, as {@link #describe(String)} writes it. */
    static String words(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        if (minutes <= 48 * 60) {
            long hours = minutes / 60;
            long rest = minutes % 60;
            return plural(hours, "hour") + (rest == 0 ? "" : " " + plural(rest, "minute"));
        }
        long days = minutes / (24 * 60);
        long hours = (minutes % (24 * 60)) / 60;
        return plural(days, "day") + (hours == 0 ? "" : " " + plural(hours, "hour"));
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
