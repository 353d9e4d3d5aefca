package io.casegrid.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topics: one per producing service for its cases, every record keyed by case id; intake's
 * campaigns, keyed by campaign id; and the sensor alarms intake takes in. Each service's topic
 * carries only the events that service announces, with its CloudEvents {@code source}: a consumer
 * trusts a record of a topic only from the topic's publisher.
 */
public final class Topics {
  public static final String INTAKE_CASES = "casegrid.intake.cases";
  public static final String DISPATCH_CASES = "casegrid.dispatch.cases";
  public static final String SUPERVISION_CASES = "casegrid.supervision.cases";

  /**
   * Intake's rectification campaigns: launched, amended, ended, and their progress, keyed by
   * campaign id. Apart from the cases' topic so that a campaign's events keep their order under its
   * own key, and the services that follow cases (dispatch) neither read nor are granted them.
   */
  public static final String INTAKE_CAMPAIGNS = "casegrid.intake.campaigns";

  /**
   * Alarms from smart-sensor gateways, for intake: JSON records keyed by asset code, not events of
   * this contract.
   */
  public static final String SENSOR_ALARMS = "casegrid.sensor.alarms";

  /** Every topic, for whoever creates them (the local stack, the tests, a city's operations). */
  public static final List<String> ALL =
      List.of(INTAKE_CASES, DISPATCH_CASES, SUPERVISION_CASES, INTAKE_CAMPAIGNS, SENSOR_ALARMS);

  /** The CloudEvents {@code source} of the events intake announces. */
  public static final String INTAKE_SOURCE = "/casegrid/intake";

  /** The CloudEvents {@code source} of the events dispatch announces. */
  public static final String DISPATCH_SOURCE = "/casegrid/dispatch";

  /** The CloudEvents {@code source} of the events supervision announces. */
  public static final String SUPERVISION_SOURCE = "/casegrid/supervision";

  private static final Map<String, String> PUBLISHERS =
      Map.of(
          INTAKE_CASES, INTAKE_SOURCE,
          INTAKE_CAMPAIGNS, INTAKE_SOURCE,
          DISPATCH_CASES, DISPATCH_SOURCE,
          SUPERVISION_CASES, SUPERVISION_SOURCE);

  /** The source of the only service that announces events on {@code topic}; empty for others. */
  public static Optional<String> publisher(String topic) {
    return Optional.ofNullable(PUBLISHERS.get(topic));
  }

  private Topics() {}
}
