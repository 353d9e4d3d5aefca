package io.casegrid.events;

/** Where a case came in (来源渠道). */
public enum Channel {
  HOTLINE,
  WEB,
  APP,
  GRID_INSPECTOR,
  SENSOR,
  VIDEO,
  HIGHER_LEVEL_REFERRAL,
  OPEN311
}
