package dev.shipshape.render.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecoveryPointTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "15 2 * * *     | 24 hours",
            "0 0 * * *      | 24 hours",
            "30 4 * * 0     | 7 days",
            "*/15 * * * *   | 15 minutes",
            "0 */6 * * *    | 6 hours",
            "0 6,18 * * *   | 12 hours",
            "0 9,10 * * *   | 23 hours",
            "30 1 * * 1-5   | 3 days",
            "0 0 1 * *      | 31 days",
            "45 23 * * MON  | 7 days",
            "0 3 ? * *      | 24 hours",
            "0 3 * * SUN-SAT | 24 hours",
            "0 3 * * sat,sun | 6 days",
            "0 3 * * 7      | 7 days"})
    void describesTheLongestGapBetweenBackups(String schedule, String expected) {
        assertEquals(expected, RecoveryPoint.describe(schedule.strip()));
    }

    @Test
    void wordsMixUnitsOnlyWhereNeeded() {
        assertEquals("1 minute", RecoveryPoint.words(Duration.ofMinutes(1)));
        assertEquals("1 hour 30 minutes", RecoveryPoint.words(Duration.ofMinutes(90)));
        assertEquals("48 hours", RecoveryPoint.words(Duration.ofHours(48)));
        assertEquals("2 days 6 hours", RecoveryPoint.words(Duration.ofHours(54)));
    }

    @Test
    void rejectsWhatIsNotFiveFieldCron() {
        assertThrows(IllegalArgumentException.class, () -> RecoveryPoint.describe("every day"));
        assertThrows(IllegalArgumentException.class, () -> RecoveryPoint.describe("0 0 3 * * *"));
        assertThrows(IllegalArgumentException.class, () -> RecoveryPoint.describe("61 2 * * *"));
    }
}
