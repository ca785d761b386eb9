package dev.shipshape.kind.prometheus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The TSDB's size-based retention leaves a fifth of the volume for the WAL and compaction. */
class RetentionSizeTest {

    @ParameterizedTest
    @CsvSource({"10Gi, 8192MB", "20Gi, 16384MB", "500Mi, 400MB", "1G, 762MB"})
    void isEightyPercentOfTheVolumeInBase2Megabytes(String storage, String expected) {
        assertEquals(expected, PrometheusObjects.retentionSize(storage));
    }
}
