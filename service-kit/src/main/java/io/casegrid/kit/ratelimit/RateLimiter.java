package io.casegrid.kit.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits of each group of endpoints, per client and in memory: each instance of a service
 * counts for itself. Refusals are counted in the metric {@code casegrid.rate.limit.refused} by
 * group and client application (never by user or address, which are personal data).
 */
@ApplicationScoped
public class RateLimiter {

  private final RateLimitConfig config;
  private final MeterRegistry registry;
  private final Map<String, TokenBuckets> groups = new ConcurrentHashMap<>();

  RateLimiter(RateLimitConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  /**
   * Takes a request of {@code key} in {@code group}: empty if allowed, else how long to wait.
   * {@code client} names the client application in the metric.
   */
  public Optional<Duration> acquire(String group, String key, String client) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    TokenBuckets.Outcome outcome = groups.computeIfAbsent(group, this::bucketsOf).take(key);
    if (outcome.allowed()) {
      return Optional.empty();
    }
    Counter.builder("casegrid.rate.limit.refused")
        .description("Requests refused with 429 because a client went over its rate limit")
        .tag("group", group)
        .tag("client", client)
        .register(registry)
        .increment();
    return Optional.of(Duration.ofNanos(outcome.retryAfterNanos()));
  }

  /**
   * Whether {@code key} is over its limit in {@code group} without using it up: empty if not, else
   * how long to wait. With {@link #acquire} for what fails, this limits failures only.
   */
  public Optional<Duration> exhausted(String group, String key) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    TokenBuckets.Outcome outcome = groups.computeIfAbsent(group, this::bucketsOf).peek(key);
    return outcome.allowed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(outcome.retryAfterNanos()));
  }

  /**
   * As {@link #acquire}, but refused with {@link TooManyRequests} (429 problem+json with {@code
   * Retry-After}), for limits an endpoint applies itself: per api key, per address of failures.
   */
  public void take(String group, String key, String client) {
    acquire(group, key, client)
        .ifPresent(
            wait -> {
              throw new TooManyRequests(wait);
            });
  }

  private TokenBuckets bucketsOf(String group) {
    Optional<RateLimitConfig.Group> own = Optional.ofNullable(config.groups().get(group));
    return new TokenBuckets(
        own.flatMap(RateLimitConfig.Group::requestsPerSecond).orElse(config.requestsPerSecond()),
        own.flatMap(RateLimitConfig.Group::burst).orElse(config.burst()),
        config.maxClients(),
        config.sweepEvery().toNanos(),
        System::nanoTime);
  }
}
