package dev.shipshape.spec;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the fields of a five-field cron schedule as Kubernetes CronJobs read it (minute 0-59,
 * hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-7 or SUN-SAT; each field a
 * comma list of {@code *}, {@code ?}, values and ranges, each with an optional {@code /step}).
 * The schema's pattern checks the shape; {@link #problem} checks the values with messages a person
 * can act on, and {@link #longestGap} measures the schedule with cron-utils — the one place that
 * does cron arithmetic (backup-age alerts, restore-drill limits, the runbook's recovery point).
 */
public final class CronSchedule {

    /**
     * A fixed window, so results never depend on today's date: four years, one of them leap, for
     * schedules restricted by day of month or month. A schedule with {@code *} in all three day
     * fields repeats every day, and one restricted by day of week only repeats every week; for
     * them two periods give the same longest gap (every gap is at most one period and the
     * window's edges fall inside a gap), at a fraction of the runs to walk.
     */
    private static final ZonedDateTime WINDOW_START = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final Period FOUR_YEARS = Period.ofYears(4);
    private static final Period TWO_WEEKS = Period.ofWeeks(2);
    private static final Period TWO_DAYS = Period.ofDays(2);
    /** Enough runs to see every gap of any practical schedule without walking a per-minute one for years. */
    private static final int MAX_RUNS = 10_000;
    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private record Field(String name, int min, int max, List<String> names) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
            new Field("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

    private CronSchedule() {
    }

    /**
     * @param schedule a schedule
     * @return why it is invalid, as a clause ("the hour 25 is outside 0-23"), or empty if valid
     */
    public static Optional<String> problem(String schedule) {
        String[] parts = schedule.trim().split("\\s+");
        if (parts.length != FIELDS.size()) {
            return Optional.of("it has " + parts.length + " fields instead of 5");
        }
        for (int i = 0; i < parts.length; i++) {
            Optional<String> problem = fieldProblem(parts[i], FIELDS.get(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fieldProblem(String text, Field field) {
        for (String item : text.split(",", -1)) {
            String[] stepped = item.split("/", -1);
            if (stepped.length > 2 || stepped.length == 2 && (!stepped[1].matches("[0-9]+") || Integer.parseInt(stepped[1]) == 0)) {
                return Optional.of("the " + field.name() + " `" + text + "` has an invalid step");
            }
            String range = stepped[0];
            if (range.equals("*") || range.equals("?") && field.name().startsWith("day")) {
                continue;
            }
            String[] bounds = range.split("-", -1);
            if (bounds.length > 2) {
                return Optional.of("the " + field.name() + " `" + text + "` is not a value or range");
            }
            int low = -1;
            for (String bound : bounds) {
                int value = value(bound, field);
                if (value < field.min() || value > field.max()) {
                    return Optional.of("the " + field.name() + " `" + bound + "` is outside " + field.min() + "-" + field.max());
                }
                if (value < low) {
                    return Optional.of("the " + field.name() + " range `" + range + "` runs backwards");
                }
                low = value;
            }
        }
        return Optional.empty();
    }

    /**
     * The longest time between two consecutive runs within a fixed four-year window (the window's
     * edges count as runs, so a yearly schedule yields about a year): how old the newest backup
     * may be, and the recovery point objective the schedule implies.
     *
     * @param schedule a five-field cron schedule, in UTC as a Kubernetes CronJob reads it
     * @return the longest gap, at least one minute
     * @throws IllegalArgumentException if {@code schedule} is not a valid schedule
     */
    public static Duration longestGap(String schedule) {
        problem(schedule).ifPresent(why -> {
            throw new IllegalArgumentException("invalid cron schedule `" + schedule + "`: " + why);
        });
        String unix = asUnix(schedule);
        ExecutionTime executions = ExecutionTime.forCron(UNIX_CRON.parse(unix).validate());
        ZonedDateTime windowEnd = WINDOW_START.plus(window(unix.split(" ")));
        Duration longest = Duration.ZERO;
        ZonedDateTime previous = WINDOW_START;
        ZonedDateTime cursor = WINDOW_START.minusMinutes(1);
        for (int run = 0; run < MAX_RUNS; run++) {
            Optional<ZonedDateTime> next = executions.nextExecution(cursor);
            ZonedDateTime at = next.filter(time -> !time.isAfter(windowEnd)).orElse(windowEnd);
            Duration gap = Duration.between(previous, at);
            if (gap.compareTo(longest) > 0) {
                longest = gap;
            }
            if (at.equals(windowEnd)) {
                break;
            }
            previous = at;
            cursor = at;
        }
        return longest.isZero() ? Duration.ofMinutes(1) : longest;
    }

    /** Two periods of a schedule whose runs repeat daily or weekly, else the four-year window. */
    private static Period window(String[] unixFields) {
        boolean everyDayOfMonth = unixFields[2].equals("*") && unixFields[3].equals("*");
        if (everyDayOfMonth && unixFields[4].equals("*")) {
            return TWO_DAYS;
        }
        return everyDayOfMonth ? TWO_WEEKS : FOUR_YEARS;
    }

    /**
     * The schedule in the dialect cron-utils' Unix definition reads: {@code ?} (which Kubernetes,
     * like robfig/cron, takes as {@code *} in the day fields) becomes {@code *}, and day-of-week
     * names become numbers 0-6 (cron-utils maps {@code SUN} to 7, which breaks {@code SUN-SAT}).
     */
    private static String asUnix(String schedule) {
        String[] fields = schedule.strip().split("\\s+");
        for (int i = 2; i < fields.length; i += 2) {
            fields[i] = fields[i].equals("?") ? "*" : fields[i];
        }
        String dayOfWeek = fields[4].toUpperCase(Locale.ROOT);
        List<String> days = FIELDS.get(4).names();
        for (int day = 0; day < days.size(); day++) {
            dayOfWeek = dayOfWeek.replace(days.get(day), Integer.toString(day));
        }
        fields[4] = dayOfWeek;
        return String.join(" ", fields);
    }

    private static int value(String text, Field field) {
        if (text.matches("[0-9]{1,2}")) {
            return Integer.parseInt(text);
        }
        int index = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        return index < 0 ? -1 : index + field.min();
    }
}
