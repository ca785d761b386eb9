package dev.shipshape.model;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron schedule as Kubernetes CronJobs read it (minute, hour, day of month, month,
 * day of week; lists, ranges, steps, month and weekday names, {@code 7} for Sunday, and the
 * {@code @hourly}/{@code @daily}/{@code @weekly}/{@code @monthly}/{@code @yearly} macros —
 * kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax). When both day
 * fields are restricted a day matches either, as in Vixie cron.
 *
 * <p>Used to know how old the newest backup may be: the longest gap between two runs.
 */
final class CronSchedule {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** The simulated period: nine years from a leap year, so even a 29 February schedule runs three times. Fixed, so results never depend on today. */
    private static final LocalDate SIMULATION_START = LocalDate.of(2024, 1, 1);
    private static final int SIMULATION_DAYS = 9 * 366;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String expression, String[] fields) {
        this.expression = expression;
        this.minutes = field(fields[0], 0, 59, List.of(), 0);
        this.hours = field(fields[1], 0, 23, List.of(), 0);
        this.daysOfMonth = field(fields[2], 1, 31, List.of(), 0);
        this.months = field(fields[3], 1, 12, MONTHS, 1);
        BitSet weekdays = field(fields[4], 0, 7, DAYS, 0);
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        this.daysOfWeek = weekdays;
        this.dayOfMonthRestricted = !fields[2].startsWith("*");
        this.dayOfWeekRestricted = !fields[4].startsWith("*");
    }

    /**
     * Parses a schedule.
     *
     * @throws IllegalArgumentException if it is not a five-field cron expression or a known macro
     */
    static CronSchedule parse(String expression) {
        String trimmed = expression.trim();
        String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron schedule '" + expression + "' must have five fields: minute hour day-of-month month day-of-week");
        }
        return new CronSchedule(expression, fields);
    }

    /**
     * The longest time between two consecutive runs, simulated over nine years.
     *
     * @throws IllegalArgumentException if the schedule runs fewer than twice in nine years
     */
    Duration longestGap() {
        List<LocalDateTime> runs = new ArrayList<>();
        for (int day = 0; day < SIMULATION_DAYS; day++) {
            LocalDate date = SIMULATION_START.plusDays(day);
            if (!matchesDay(date)) {
                continue;
            }
            for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                    runs.add(date.atTime(hour, minute));
                }
            }
        }
        if (runs.size() < 2) {
            throw new IllegalArgumentException("cron schedule '" + expression + "' runs fewer than twice in nine years");
        }
        Duration longest = Duration.ZERO;
        for (int i = 1; i < runs.size(); i++) {
            Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
            if (gap.compareTo(longest) > 0) {
                longest = gap;
            }
        }
        return longest;
    }

    private boolean matchesDay(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = daysOfMonth.get(date.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dayOfMonth || dayOfWeek;
        }
        return dayOfMonth && dayOfWeek;
    }

    private BitSet field(String field, int min, int max, List<String> names, int firstNameValue) {
        BitSet values = new BitSet(max + 1);
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), field);
                if (step < 1) {
                    throw invalid(field, "a step must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = value(bounds[0], names, firstNameValue, field);
                to = value(bounds[1], names, firstNameValue, field);
            } else {
                from = value(range, names, firstNameValue, field);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw invalid(field, "values must lie in " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private int value(String text, List<String> names, int firstNameValue, String field) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        return named >= 0 ? named + firstNameValue : number(text, field);
    }

    private int number(String text, String field) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(field, "'" + text + "' is not a number");
        }
    }

    private IllegalArgumentException invalid(String field, String why) {
        return new IllegalArgumentException("cron schedule '" + expression + "': field '" + field + "': " + why);
    }

    @Override
    public String toString() {
        return expression;
    }
}
