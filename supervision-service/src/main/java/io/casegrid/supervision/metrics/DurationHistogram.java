package io.casegrid.supervision.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * How long cases took (时长分布), as counts in fixed buckets of whole seconds, so that a period's
 * percentiles come from adding the histograms of its days (or months) instead of reading its cases.
 * Plain arithmetic, the same as {@code duration_bounds} in migration V8.
 *
 * <p>The buckets are log-linear: 0 to 15 s each have a bucket of their own; from 16 s on, every
 * doubling of time is cut into 8 equal buckets ([16, 18), [18, 20) … [30, 32), [32, 36) …), so a
 * bucket is at most an eighth of its lower bound wide; the last bucket holds everything from 728
 * days on. A percentile is interpolated linearly inside the bucket that holds its rank. That bucket
 * holds the exact percentile too (the nearest-rank value), so the estimate is off by less than the
 * bucket's width: below 16 s by less than a second, above by less than 12.5 % of the true value
 * (plus rounding to a whole second). The mean is exact: the seconds are summed alongside.
 */
public final class DurationHistogram {

  /** Buckets in all: 16 exact seconds, then 8 per doubling from 2^4 to 2^26 s. */
  public static final int BUCKETS = 192;

  private static final int EXACT = 16;
  private static final int PER_DOUBLING = 8;

  private final long[] counts;
  private final long cases;
  private final long seconds;

  private DurationHistogram(long[] counts, long cases, long seconds) {
    this.counts = counts;
    this.cases = cases;
    this.seconds = seconds;
  }

  /** No durations. */
  public static final DurationHistogram EMPTY = new DurationHistogram(new long[BUCKETS], 0, 0);

  /**
   * A histogram as stored ({@link #packed}), of {@code cases} cases taking {@code seconds} in all.
   */
  public static DurationHistogram unpack(long cases, long seconds, long[] packed) {
    long[] counts = new long[BUCKETS];
    for (int i = 1; i < packed.length; i++) {
      counts[(int) packed[0] + i - 1] = packed[i];
    }
    return new DurationHistogram(counts, cases, seconds);
  }

  /** A histogram of the given durations in seconds, negative ones counted as zero. */
  public static DurationHistogram of(long... durations) {
    long[] counts = new long[BUCKETS];
    long sum = 0;
    for (long d : durations) {
      long s = Math.max(0, d);
      counts[bucketOf(s)]++;
      sum += s;
    }
    return new DurationHistogram(counts, durations.length, sum);
  }

  /** The bucket of a duration of {@code seconds} (≥ 0). */
  public static int bucketOf(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("negative duration " + seconds);
    }
    if (seconds < EXACT) {
      return (int) seconds;
    }
    int doubling = 63 - Long.numberOfLeadingZeros(seconds); // 2^doubling ≤ seconds
    int part = (int) (seconds >> (doubling - 3)) - PER_DOUBLING;
    return Math.min(BUCKETS - 1, EXACT + (doubling - 4) * PER_DOUBLING + part);
  }

  /** The shortest duration in {@code bucket}, in seconds. */
  public static long lowerBound(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int b = bucket - EXACT;
    return (long) (PER_DOUBLING + b % PER_DOUBLING) << (1 + b / PER_DOUBLING);
  }

  /** The first duration after {@code bucket}; none after the last one (null). */
  static Long upperBound(int bucket) {
    return bucket == BUCKETS - 1 ? null : lowerBound(bucket + 1);
  }

  public long cases() {
    return cases;
  }

  public long seconds() {
    return seconds;
  }

  /** The counts per bucket packed as stored ({@link #pack}). */
  public long[] packed() {
    return pack(counts);
  }

  /**
   * Counts per bucket ({@code dense[k]} for bucket k) packed as the database keeps them: the first
   * bucket with a count, then the counts from it to the last bucket with one; empty if none has.
   * Migration V8's {@code histogram_pack} does the same.
   */
  public static long[] pack(long[] dense) {
    int first = 0;
    while (first < dense.length && dense[first] == 0) {
      first++;
    }
    int last = dense.length - 1;
    while (last >= first && dense[last] == 0) {
      last--;
    }
    if (first > last) {
      return new long[0];
    }
    long[] packed = new long[last - first + 2];
    packed[0] = first;
    System.arraycopy(dense, first, packed, 1, last - first + 1);
    return packed;
  }

  public DurationHistogram plus(DurationHistogram other) {
    long[] sum = counts.clone();
    for (int i = 0; i < BUCKETS; i++) {
      sum[i] += other.counts[i];
    }
    return new DurationHistogram(sum, cases + other.cases, seconds + other.seconds);
  }

  /** The mean in whole seconds (half up), null without cases. */
  public Long mean() {
    if (cases == 0) {
      return null;
    }
    return BigDecimal.valueOf(seconds)
        .divide(BigDecimal.valueOf(cases), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /**
   * The {@code p}-th percentile (0 < p ≤ 100) in whole seconds, null without cases: the duration at
   * rank p/100 × n, interpolated linearly in its bucket; in the last bucket, its lower bound.
   */
  public Long percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile lies in (0, 100]: " + p);
    }
    long n = Arrays.stream(counts).sum();
    if (n == 0) {
      return null;
    }
    double rank = p / 100 * n;
    long below = 0;
    for (int b = 0; b < BUCKETS; b++) {
      long c = counts[b];
      if (c > 0 && below + c >= rank) {
        Long upper = upperBound(b);
        long lower = lowerBound(b);
        if (upper == null) {
          return lower;
        }
        return Math.round(lower + (rank - below) / c * (upper - lower));
      }
      below += c;
    }
    throw new IllegalStateException("rank " + rank + " beyond " + n + " cases");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DurationHistogram h
        && h.cases == cases
        && h.seconds == seconds
        && Arrays.equals(h.counts, counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts) * 31 + Long.hashCode(seconds);
  }
}
