package io.casegrid.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay and the event consumers, the same in every service. */
@ConfigMapping(prefix = "casegrid.events")
public interface KitConfig {

  /**
   * The CloudEvents {@code source} of every event this service announces, e.g. /casegrid/intake.
   */
  String source();

  Outbox outbox();

  Inbox inbox();

  interface Outbox {
    /** Whether this instance relays the outbox to Kafka. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows relayed per transaction: batching is what makes the relay fast. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay idles when nothing has been committed in this instance. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** How long to wait for Kafka to acknowledge a batch before rolling it back. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** The pause after a failed batch, so an unreachable broker is not hammered. */
    @WithDefault("1s")
    Duration retryDelay();
  }

  interface Inbox {
    /** The pause before retrying a batch when even the dead-letter table cannot be written. */
    @WithDefault("1s")
    Duration retryDelay();
  }
}
