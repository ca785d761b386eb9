package dev.shipshape.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronScheduleTest {

    @ParameterizedTest
    @ValueSource(strings = {"15 2 * * *", "30 4 * * 0", "*/15 0-23/2 1,15 JAN-DEC mon-fri", "0 0 ? * 7", "59 23 31 12 SUN"})
    void acceptsValidSchedules(String schedule) {
        assertEquals(java.util.Optional.empty(), CronSchedule.problem(schedule));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "61 2 * * *|the minute `61` is outside 0-59",
            "0 24 * * *|the hour `24` is outside 0-23",
            "0 0 0 * *|the day of month `0` is outside 1-31",
            "0 0 * 13 *|the month `13` is outside 1-12",
            "0 0 * * 8|the day of week `8` is outside 0-7",
            "*/0 * * * *|invalid step",
            "0 5-2 * * *|runs backwards",
            "? * * * *|the minute `?` is outside 0-59",
            "0 0 * *|4 fields instead of 5"})
    void explainsInvalidSchedules(String schedule, String reason) {
        String problem = CronSchedule.problem(schedule).orElseThrow();
        assertTrue(problem.contains(reason), problem);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "15 2 * * *       | PT24H",
            "*/15 * * * *     | PT15M",
            "0 */6 * * *      | PT6H",
            "0 2 * * 1-5      | PT72H",
            "0 4 * * SUN      | PT168H",
            "0 4 * * 7        | PT168H",
            "0 3 ? * *        | PT24H",
            "0 3 * * SUN-SAT  | PT24H",
            "0 2 1 * *        | PT744H",
            "0 0 1,15 * *     | PT408H",
            "0 9,17 * * *     | PT16H",
            "59 23 * * *      | PT24H",
            "30 23 * * 0,3    | PT96H",
            "0 0 * * 1        | PT168H"})
    void longestGapBetweenRuns(String schedule, Duration gap) {
        assertEquals(gap, CronSchedule.longestGap(schedule.strip()));
    }

    @Test
    void aYearlyScheduleYieldsAboutAYear() {
        assertEquals(366, CronSchedule.longestGap("0 0 1 1 *").toDays());
    }

    @Test
    void longestGapRejectsAnInvalidSchedule() {
        String message = assertThrows(IllegalArgumentException.class, () -> CronSchedule.longestGap("0 25 * * *")).getMessage();
        assertTrue(message.contains("0-23"), message);
    }
}
