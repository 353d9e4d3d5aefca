package io.casegrid.kit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the bookkeeping of message handling is kept. */
@ConfigMapping(prefix = "casegrid.retention")
public interface RetentionConfig {

  /** Whether the clean-up runs in this instance. */
  @WithDefault("true")
  boolean enabled();

  /** How often it runs. */
  @WithDefault("1h")
  Duration interval();

  /** Rows deleted per transaction, so a large backlog never holds long locks. */
  @WithDefault("5000")
  int batchSize();

  /**
   * How long processed-event ids are kept. It must exceed the retention of the topics consumed: an
   * event redelivered after its id is gone would be applied again.
   */
  @WithDefault("30d")
  Duration processedEvents();

  /** How long records a consumer could not apply are kept for an operator to look into. */
  @WithDefault("90d")
  Duration deadLetters();
}
