package io.casegrid.dispatch.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** What the department workbench shows besides the cases themselves. */
@ConfigMapping(prefix = "casegrid.workbench")
public interface WorkbenchConfig {

  /**
   * The share of a case's time after which its countdown turns yellow (预警). Supervision keeps the
   * share per category and sends the warning; the workbench colours the countdown by this one.
   */
  @WithDefault("0.8")
  double warningShare();

  /**
   * The reason codes a department chooses from when it returns a case (退单); their names are the
   * texts {@code returnReason.<code>}, the code itself where the texts have none.
   */
  @WithDefault("NOT_OUR_ASSET,NOT_OUR_AREA,NOT_OUR_DUTY")
  List<String> returnReasons();
}
