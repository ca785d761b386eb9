package dev.shipshape.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the fields of a five-field cron schedule as Kubernetes CronJobs read it (minute 0-59,
 * hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-7 or SUN-SAT; each field a
 * comma list of {@code *}, {@code ?}, values and ranges, each with an optional {@code /step}).
 * The schema's pattern checks the shape; this checks the values.
 */
final class CronSchedule {

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
    static Optional<String> problem(String schedule) {
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

    private static int value(String text, Field field) {
        if (text.matches("[0-9]{1,2}")) {
            return Integer.parseInt(text);
        }
        int index = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        return index < 0 ? -1 : index + field.min();
    }
}
