package io.casegrid.intake.duplicates;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Within which distance and time a new report is suggested as a duplicate of an open case of the
 * same category, unless the category catalogue gives the category its own.
 */
@ConfigMapping(prefix = "casegrid.duplicates")
public interface DuplicatesConfig {

  /** Distance in metres between the new report and an open case. */
  @WithDefault("100")
  int radiusMetres();

  /** How long ago the open case may have been reported. */
  @WithDefault("72h")
  Duration window();

  /** Suggestions shown at most, the nearest first. */
  @WithDefault("10")
  int maxSuggestions();
}
