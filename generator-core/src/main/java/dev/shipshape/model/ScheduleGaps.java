package dev.shipshape.model;

import dev.shipshape.spec.CronSchedule;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The longest gaps of the cron schedules of one model build ({@link CronSchedule#longestGap}),
 * each distinct schedule measured once: a schedule is read for its CronJobs, their scripts and the
 * alert rules of every view, and the databases of an application usually share a few schedules.
 * One instance per {@link ModelBuilder#build} call, shared by the views it builds at once; thread-safe.
 */
public final class ScheduleGaps {

    private final Map<String, Duration> gaps = new ConcurrentHashMap<>();

    /**
     * @param schedule a five-field cron schedule, in UTC
     * @return the longest time between two runs, at least one minute
     * @throws IllegalArgumentException if {@code schedule} is not a valid schedule
     */
    public Duration longestGap(String schedule) {
        return gaps.computeIfAbsent(schedule, CronSchedule::longestGap);
    }
}
