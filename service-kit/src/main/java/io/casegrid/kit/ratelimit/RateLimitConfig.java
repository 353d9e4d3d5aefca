package io.casegrid.kit.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How often one client may call the endpoints marked {@link RateLimited}. The limits hold per
 * instance of a service: with n instances behind a load balancer a client may make up to n times as
 * many requests. The defaults only stop floods (they are above the registration rate the lifecycle
 * benchmark aims at for one operator); a city lowers them per group.
 */
@ConfigMapping(prefix = "casegrid.rate-limit")
public interface RateLimitConfig {

  /** Off: every request passes. */
  @WithDefault("true")
  boolean enabled();

  /** Requests per second a client may make in a group, on average. */
  @WithDefault("2500")
  double requestsPerSecond();

  /** How many requests a client may make at once after being idle. */
  @WithDefault("5000")
  int burst();

  /**
   * How many clients' buckets are kept at most. Idle clients are forgotten first; beyond this,
   * further clients share one bucket per group, so that many keys cannot exhaust the memory.
   */
  @WithDefault("100000")
  int maxClients();

  /** How often buckets of idle clients are swept away. */
  @WithDefault("60s")
  Duration sweepEvery();

  /** Limits of a group, e.g. {@code casegrid.rate-limit.groups.case-writes.requests-per-second}. */
  Map<String, Group> groups();

  /** A group's own limits; what it leaves out comes from the defaults. */
  interface Group {
    Optional<Double> requestsPerSecond();

    Optional<Integer> burst();
  }
}
