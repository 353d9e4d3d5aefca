package io.casegrid.kit.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key, in memory: each holds up to {@code burst} tokens and gains {@code
 * rate} tokens a second; a request takes one. The number of buckets is bounded: a bucket idle long
 * enough to be full again is the same as a new one, so it is dropped; when {@code maxKeys} busy
 * keys are held, further keys share one overflow bucket.
 */
final class TokenBuckets {

  /** The outcome of a request: allowed, or refused with the nanoseconds until a token is there. */
  record Outcome(boolean allowed, long retryAfterNanos) {}

  private static final String OVERFLOW = "\u0000overflow";

  private final double rate;
  private final int burst;
  private final int maxKeys;
  private final long sweepEveryNanos;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private volatile long sweptAt;

  TokenBuckets(double rate, int burst, int maxKeys, long sweepEveryNanos, LongSupplier clock) {
    if (rate <= 0 || burst < 1 || maxKeys < 1) {
      throw new IllegalArgumentException(
          "a rate limit needs a positive rate, a burst of at least 1 and room for a client");
    }
    this.rate = rate;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.sweepEveryNanos = sweepEveryNanos;
    this.clock = clock;
    this.sweptAt = clock.getAsLong();
  }

  Outcome take(String key) {
    long now = clock.getAsLong();
    if (now - sweptAt > sweepEveryNanos) {
      sweep(now);
    }
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      // Full: sweep now, but at most once a second, so that a stream of new keys costs no more.
      if (buckets.size() >= maxKeys && now - sweptAt > 1_000_000_000L) {
        sweep(now);
      }
      bucket =
          buckets.size() >= maxKeys
              ? buckets.computeIfAbsent(OVERFLOW, k -> new Bucket(burst, now))
              : buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    }
    return bucket.take(now, rate, burst);
  }

  /**
   * Whether {@code key} has a token now, without taking it: for limits charged only for what fails
   * (a wrong key), checked before the attempt so that a refused one reveals nothing.
   */
  Outcome peek(String key) {
    Bucket bucket = buckets.get(key);
    return bucket == null ? new Outcome(true, 0) : bucket.peek(clock.getAsLong(), rate, burst);
  }

  /** How many buckets are held (for tests and metrics). */
  int size() {
    return buckets.size();
  }

  // Drops the buckets that are full again: forgetting them changes nothing.
  private void sweep(long now) {
    sweptAt = now;
    long refill = (long) Math.ceil(burst / rate * 1e9);
    buckets.entrySet().removeIf(e -> now - e.getValue().updatedAt() >= refill);
  }

  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedAt = now;
    }

    synchronized long updatedAt() {
      return updatedAt;
    }

    synchronized Outcome peek(long now, double rate, int burst) {
      double available = Math.min(burst, tokens + (now - updatedAt) / 1e9 * rate);
      return available >= 1
          ? new Outcome(true, 0)
          : new Outcome(false, (long) Math.ceil((1 - available) / rate * 1e9));
    }

    synchronized Outcome take(long now, double rate, int burst) {
      tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * rate);
      updatedAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return new Outcome(true, 0);
      }
      return new Outcome(false, (long) Math.ceil((1 - tokens) / rate * 1e9));
    }
  }
}
