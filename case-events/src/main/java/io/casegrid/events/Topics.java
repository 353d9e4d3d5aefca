package io.casegrid.events;

import java.util.List;

/**
 * The topics: one per producing service, every record keyed by case id; and the sensor alarms
 * intake takes in.
 */
public final class Topics {
  public static final String INTAKE_CASES = "casegrid.intake.cases";
  public static final String DISPATCH_CASES = "casegrid.dispatch.cases";
  public static final String SUPERVISION_CASES = "casegrid.supervision.cases";

  /**
   * Alarms from smart-sensor gateways, for intake: JSON records keyed by asset code, not events of
   * this contract.
   */
  public static final String SENSOR_ALARMS = "casegrid.sensor.alarms";

  /** Every topic, for whoever creates them (the local stack, the tests, a city's operations). */
  public static final List<String> ALL =
      List.of(INTAKE_CASES, DISPATCH_CASES, SUPERVISION_CASES, SENSOR_ALARMS);

  private Topics() {}
}
