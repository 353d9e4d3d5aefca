package io.casegrid.dispatch.cases;

import io.casegrid.events.Channel;
import java.util.Set;

/**
 * Who verifies a repair (核查): the hotline, by calling the citizen who reported it, or the inspector
 * of the case's grid, on site.
 */
public enum Verifier {
  HOTLINE,
  GRID_INSPECTOR;

  private static final Set<Channel> CITIZENS =
      Set.of(Channel.HOTLINE, Channel.WEB, Channel.APP, Channel.OPEN311);

  public static Verifier of(Channel channel) {
    return CITIZENS.contains(channel) ? HOTLINE : GRID_INSPECTOR;
  }
}
