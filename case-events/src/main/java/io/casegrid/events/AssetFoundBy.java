package io.casegrid.events;

/**
 * How a case's asset (a cover) was found: its code given by the reporter (CODE), chosen by the
 * operator among the registered assets suggested near the position (SUGGESTION), taken as the only
 * asset of the category within a tight radius of the position (POSITION), or the sensor's own
 * (SENSOR).
 */
public enum AssetFoundBy {
  CODE,
  SUGGESTION,
  POSITION,
  SENSOR
}
