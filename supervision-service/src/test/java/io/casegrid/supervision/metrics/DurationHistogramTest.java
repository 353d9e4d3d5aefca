package io.casegrid.supervision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {

  // The nearest-rank percentile: the smallest value with at least p % of the values at or below it.
  private static long exact(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  @Test
  void keepsEachOfTheFirstSixteenSecondsInABucketOfItsOwn() {
    for (long s = 0; s < 16; s++) {
      assertThat(DurationHistogram.bucketOf(s)).isEqualTo((int) s);
      assertThat(DurationHistogram.lowerBound((int) s)).isEqualTo(s);
    }
  }

  @Test
  void cutsEveryDoublingIntoEightEqualBuckets() {
    // [16, 18) [18, 20) … [30, 32), then [32, 36) …; 900 s lies in [896, 960), 2400 s in [2304,
    // 2560).
    assertThat(DurationHistogram.bucketOf(16)).isEqualTo(16);
    assertThat(DurationHistogram.bucketOf(17)).isEqualTo(16);
    assertThat(DurationHistogram.bucketOf(18)).isEqualTo(17);
    assertThat(DurationHistogram.bucketOf(31)).isEqualTo(23);
    assertThat(DurationHistogram.bucketOf(32)).isEqualTo(24);
    assertThat(DurationHistogram.lowerBound(DurationHistogram.bucketOf(900))).isEqualTo(896);
    assertThat(DurationHistogram.upperBound(DurationHistogram.bucketOf(900))).isEqualTo(960L);
    assertThat(DurationHistogram.lowerBound(DurationHistogram.bucketOf(2400))).isEqualTo(2304);
    assertThat(DurationHistogram.upperBound(DurationHistogram.bucketOf(2400))).isEqualTo(2560L);
  }

  @Test
  void everyDurationLiesInItsBucketAndNoBucketIsWiderThanAnEighthOfItsStart() {
    for (int b = 16; b < DurationHistogram.BUCKETS - 1; b++) {
      long lower = DurationHistogram.lowerBound(b);
      long upper = DurationHistogram.upperBound(b);
      assertThat(DurationHistogram.bucketOf(lower)).isEqualTo(b);
      assertThat(DurationHistogram.bucketOf(upper - 1)).isEqualTo(b);
      assertThat((upper - lower) * 8).isLessThanOrEqualTo(lower);
    }
  }

  @Test
  void putsEverythingFrom728DaysOnInTheLastBucket() {
    int last = DurationHistogram.BUCKETS - 1;
    assertThat(DurationHistogram.lowerBound(last)).isEqualTo(62_914_560L);
    assertThat(DurationHistogram.bucketOf(62_914_560L)).isEqualTo(last);
    assertThat(DurationHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(last);
    assertThat(DurationHistogram.of(100_000_000L).percentile(50)).isEqualTo(62_914_560L);
  }

  @Test
  void interpolatesAPercentileInsideTheBucketOfItsRankAsComputedByHand() {
    // 600, 900 and 2400 s. The median's rank is 0.5 × 3 = 1.5: half way through 900's bucket
    // [896, 960), 896 + 0.5 × 64 = 928. The 90th's rank is 2.7: 0.7 through 2400's bucket
    // [2304, 2560), 2304 + 0.7 × 256 = 2483.2. The mean is exact: 3900 / 3 = 1300.
    DurationHistogram h = DurationHistogram.of(600, 900, 2400);
    assertThat(h.percentile(50)).isEqualTo(928L);
    assertThat(h.percentile(90)).isEqualTo(2483L);
    assertThat(h.mean()).isEqualTo(1300L);
    assertThat(h.cases()).isEqualTo(3);
  }

  @Test
  void staysWithinAnEighthOfTheExactPercentilesOfALogNormalSample() {
    SplittableRandom random = new SplittableRandom(47);
    long[] seconds = new long[20_000];
    for (int i = 0; i < seconds.length; i++) {
      // Median about 2 h, spread over minutes to days, as times to close are.
      seconds[i] = Math.round(Math.exp(Math.log(7200) + 1.3 * random.nextGaussian()));
    }
    DurationHistogram h = DurationHistogram.of(seconds);
    long[] sorted = seconds.clone();
    Arrays.sort(sorted);
    for (double p : new double[] {1, 10, 25, 50, 75, 90, 95, 99, 100}) {
      long truth = exact(sorted, p);
      assertThat((double) Math.abs(h.percentile(p) - truth))
          .as("p%s: estimate %d against %d", p, h.percentile(p), truth)
          .isLessThanOrEqualTo(truth / 8.0 + 1);
    }
    // The mean is exact, to the rounding of its whole seconds.
    assertThat(Math.abs(h.mean() - Arrays.stream(seconds).average().orElseThrow()))
        .isLessThanOrEqualTo(0.5);
  }

  @Test
  void isExactToTheSecondBelowSixteenSeconds() {
    DurationHistogram h = DurationHistogram.of(3, 5, 5, 9, 12);
    // Rank 2.5 lies (2.5 − 1) / 2 = 0.75 through 5's bucket [5, 6): 5.75, rounded to 6; rank 4.5
    // half way through 12's [12, 13): 12.5, rounded to 13. The exact median is 5.
    assertThat(h.percentile(50)).isEqualTo(6L);
    assertThat(h.percentile(90)).isEqualTo(13L);
    assertThat(Math.abs(h.percentile(50) - exact(new long[] {3, 5, 5, 9, 12}, 50)))
        .isLessThanOrEqualTo(1);
  }

  @Test
  void addingHistogramsIsTheHistogramOfAllTheirDurations() {
    DurationHistogram a = DurationHistogram.of(60, 3600, 86_400);
    DurationHistogram b = DurationHistogram.of(5, 7200);
    assertThat(a.plus(b)).isEqualTo(DurationHistogram.of(60, 3600, 86_400, 5, 7200));
    assertThat(a.plus(DurationHistogram.EMPTY)).isEqualTo(a);
  }

  @Test
  void packsItsBucketsFromTheFirstToTheLastWithACountAndReadsThemBack() {
    DurationHistogram h = DurationHistogram.of(900, 1000, 2400);
    // 900 lies in bucket 62 ([896, 960)), 1000 in 63 ([960, 1024)), 2400 in 73 ([2304, 2560)).
    assertThat(h.packed()).containsExactly(62, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    assertThat(DurationHistogram.unpack(h.cases(), h.seconds(), h.packed())).isEqualTo(h);
    assertThat(DurationHistogram.EMPTY.packed()).isEmpty();
    assertThat(DurationHistogram.pack(new long[] {0, 0, -1, 0, 2, 0})).containsExactly(2, -1, 0, 2);
  }

  @Test
  void hasNoPercentileOrMeanWithoutCasesAndRefusesPercentilesOutsideTheRange() {
    assertThat(DurationHistogram.EMPTY.percentile(50)).isNull();
    assertThat(DurationHistogram.EMPTY.mean()).isNull();
    assertThatThrownBy(() -> DurationHistogram.of(1).percentile(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationHistogram.of(1).percentile(101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationHistogram.bucketOf(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
