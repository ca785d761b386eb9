package dev.shipshape.render.docs;

import dev.shipshape.spec.CronSchedule;

import java.time.Duration;

/**
 * The recovery point objective a backup schedule implies: the longest time between two
 * consecutive scheduled backups, which is the most data a restore can lose (plus the backup's own
 * run time). Schedules are five-field Unix cron expressions in UTC, as a Kubernetes CronJob reads
 * them, measured by {@link CronSchedule#longestGap}.
 */
final class RecoveryPoint {

    private RecoveryPoint() {
    }

    /**
     * The objective in words: {@code 15 minutes}, {@code 24 hours}, {@code 7 days},
     * {@code 2 days 6 hours}; hours up to 48, days beyond.
     *
     * @param schedule five-field Unix cron expression
     * @throws IllegalArgumentException if {@code schedule} is not a valid Unix cron expression
     */
    static String describe(String schedule) {
        return words(CronSchedule.longestGap(schedule));
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
