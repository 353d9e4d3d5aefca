package io.casegrid.supervision.accountability;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The steps of the escalation ladder in the source speeches: a yellow-card warning, then an
 * accountability penalty, then a report to leadership (黄牌警告 → 追责处罚 → 报告领导/离岗).
 */
public enum AccountabilityStep {
  YELLOW_CARD,
  ACCOUNTABILITY_NOTICE,
  LEADERSHIP_REPORT;

  /**
   * An SQL expression ranking the step named in {@code column} by its weight, lightest first: steps
   * taken together (by overdue cases reaching several rungs at once) share their moment and are
   * listed in the order the ladder takes them.
   */
  public static String weightIn(String column) {
    return Arrays.stream(values())
        .map(step -> "'" + step.name() + "'")
        .collect(Collectors.joining(", ", "array_position(ARRAY[", "], " + column + ")"));
  }
}
