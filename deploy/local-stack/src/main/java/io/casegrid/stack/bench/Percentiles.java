package io.casegrid.stack.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Nearest-rank percentiles of durations, as every benchmark prints them. */
final class Percentiles {

  /** A duration that never ended (the operation was not seen to complete). */
  static final long NEVER = Long.MAX_VALUE;

  private Percentiles() {}

  /** p50, p95, p99 and max in milliseconds, of the durations that are known (not negative). */
  static String of(long[] nanos) {
    long[] sorted = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
    if (sorted.length == 0) {
      return "none";
    }
    return String.format(
        "p50 %8s  p95 %8s  p99 %8s  max %8s",
        millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99), millis(sorted, 1.0));
  }

  /**
   * The quantile of the known durations in milliseconds; NaN if none is known or it never ended.
   */
  static double quantileMillis(long[] nanos, double quantile) {
    long[] sorted = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
    if (sorted.length == 0 || at(sorted, quantile) == NEVER) {
      return Double.NaN;
    }
    return at(sorted, quantile) / 1e6;
  }

  private static String millis(long[] sorted, double quantile) {
    long nanos = at(sorted, quantile);
    return nanos == NEVER ? "never" : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  // Nearest rank.
  private static long at(long[] sorted, double quantile) {
    return sorted[(int) Math.ceil(quantile * sorted.length) - 1];
  }
}
