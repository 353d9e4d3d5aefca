package io.casegrid.intake.callback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a callback to the citizen after closure (回访) may do. */
@ConfigMapping(prefix = "casegrid.callback")
public interface CallbackConfig {

  /**
   * Whether a citizen reached and dissatisfied reopens the case: dispatch sends it back to the
   * department that closed it, for rework. Off: the verdict is only counted.
   */
  @WithDefault("true")
  boolean reopenWhenDissatisfied();
}
