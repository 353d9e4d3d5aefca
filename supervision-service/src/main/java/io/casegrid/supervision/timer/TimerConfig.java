package io.casegrid.supervision.timer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How supervision fires its deadline timers. */
@ConfigMapping(prefix = "casegrid.timers")
public interface TimerConfig {

  /** Whether this instance fires timers (all instances may; they share the work). */
  @WithDefault("true")
  boolean enabled();

  /** Timers fired per transaction: batching is what fires many quickly. */
  @WithDefault("1000")
  int batchSize();

  /**
   * Threads firing batches side by side in this instance: while one waits for PostgreSQL another
   * works, which a storm of deadlines at the end of a working day needs.
   */
  @WithDefault("2")
  int workers();

  /** How long to wait when no timer is due, at most. */
  @WithDefault("1s")
  Duration pollInterval();
}
