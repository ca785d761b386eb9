package dev.shipshape.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronScheduleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "15 2 * * *       | PT24H",
            "*/15 * * * *     | PT15M",
            "0 */6 * * *      | PT6H",
            "0 2 * * 1-5      | PT72H",
            "0 4 * * SUN      | PT168H",
            "0 4 * * 7        | PT168H",
            "0 2 1 * *        | PT744H",
            "0 0 1,15 * *     | PT408H",
            "@daily           | PT24H",
            "@hourly          | PT1H",
            "0 0 29 2 *       | PT35064H",
    })
    void longestGapBetweenRuns(String schedule, Duration gap) {
        assertEquals(gap, CronSchedule.parse(schedule).longestGap());
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // the 1st of each month OR every Monday: never more than a week apart
        assertTrue(CronSchedule.parse("0 0 1 * MON").longestGap().compareTo(Duration.ofDays(7)) <= 0);
    }

    @Test
    void badSchedulesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 2 * *")).getMessage()
                .contains("five fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 25 * * *")).getMessage()
                .contains("0-23"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 31 2 *").longestGap())
                .getMessage().contains("fewer than twice"));
    }
}
