package io.casegrid.events;

import java.util.List;

/** The topics of the contract: one per producing service, every record keyed by case id. */
public final class Topics {
  public static final String INTAKE_CASES = "casegrid.intake.cases";
  public static final String DISPATCH_CASES = "casegrid.dispatch.cases";
  public static final String SUPERVISION_CASES = "casegrid.supervision.cases";

  /** Every topic, for whoever creates them (the local stack, the tests, a city's operations). */
  public static final List<String> ALL = List.of(INTAKE_CASES, DISPATCH_CASES, SUPERVISION_CASES);

  private Topics() {}
}
