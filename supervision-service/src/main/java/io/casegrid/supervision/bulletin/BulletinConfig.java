package io.casegrid.supervision.bulletin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the weekly summary and monthly bulletin show. */
@ConfigMapping(prefix = "casegrid.bulletins")
public interface BulletinConfig {

  /** How many departments (districts) are named as best, and as worst. */
  @WithDefault("3")
  int named();

  /** The most overdue cases listed; the rest are counted. */
  @WithDefault("500")
  int maxOverdue();
}
