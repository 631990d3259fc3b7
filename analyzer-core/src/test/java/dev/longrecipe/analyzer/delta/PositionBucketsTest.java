package dev.longrecipe.analyzer.delta;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionBucketsTest {

    @Test
    void bucketsCoverEveryPositionOnceInOrder() {
        for (int length : new int[] {2, 7, 10, 64, 1000}) {
            for (int count : new int[] {1, 3, 8}) {
                PositionBuckets buckets = new PositionBuckets(length, count);
                int expectedFrom = 0;
                for (int b = 0; b < buckets.count(); b++) {
                    assertThat(buckets.from(b)).isEqualTo(expectedFrom);
                    for (int p = buckets.from(b); p <= buckets.to(b); p++) {
                        assertThat(buckets.bucketOf(p)).as("length %d count %d position %d", length, count, p)
                                .isEqualTo(b);
                    }
                    expectedFrom = buckets.to(b) + 1;
                }
                assertThat(expectedFrom).isEqualTo(length);
            }
        }
    }

    @Test
    void moreBucketsThanPositionsAreCappedAtOnePositionEach() {
        assertThat(new PositionBuckets(5, 8).count()).isEqualTo(5);
    }

    @Test
    void positionsOutsideTheLengthAreRejected() {
        assertThatThrownBy(() -> new PositionBuckets(10, 2).bucketOf(10)).hasMessageContaining("outside 0…9");
    }
}
