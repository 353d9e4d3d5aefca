package io.casegrid.intake.assets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How registered assets are found near a reported position. */
@ConfigMapping(prefix = "casegrid.assets")
public interface AssetFinderConfig {

  /** Within how many metres of a report assets of its category are suggested to the operator. */
  @WithDefault("30")
  int suggestionRadiusMetres();

  /**
   * Within how many metres the only asset of the category is taken without asking: a cover reported
   * at its exact position, without its code, finds its owner.
   */
  @WithDefault("3")
  int autoMatchRadiusMetres();

  /** Suggestions given at most. */
  @WithDefault("10")
  int maxSuggestions();

  /** The largest radius anyone may ask about, in metres. */
  @WithDefault("1000")
  int maxRadiusMetres();
}
