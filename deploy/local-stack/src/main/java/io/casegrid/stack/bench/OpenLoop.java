package io.casegrid.stack.bench;

import java.util.concurrent.TimeUnit;

/**
 * Sends on an open-loop schedule: operation {@code n} starts at its planned time, {@code n / rate}
 * seconds after the start, whatever became of the earlier ones, so a slow system cannot slow the
 * sender down and hide its latency. Latencies are measured from the planned time.
 */
final class OpenLoop {

  /** Starts one operation; it must not block. */
  interface Operation {
    void start(int n, long plannedAtNanos);
  }

  /** What the schedule did: when it started, when the last operation was planned, how fast. */
  record Schedule(long startNanos, long lastPlannedNanos, double achievedRate) {}

  private OpenLoop() {}

  static Schedule run(int count, int rate, Operation operation) throws InterruptedException {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long planned = start;
    for (int i = 0; i < count; i++) {
      planned = start + Math.round(i * 1e9 / rate);
      long wait = planned - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      operation.start(i, planned);
    }
    // Each operation's interval counts once, so operations that all leave on time give exactly the
    // rate.
    double achieved = count * 1e9 / (System.nanoTime() - start + 1e9 / rate);
    return new Schedule(start, planned, achieved);
  }
}
