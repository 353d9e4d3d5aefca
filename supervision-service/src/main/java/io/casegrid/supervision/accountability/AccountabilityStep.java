package io.casegrid.supervision.accountability;

/**
 * The steps of the escalation ladder in the source speeches: a yellow-card warning, then an
 * accountability penalty, then a report to leadership (黄牌警告 → 追责处罚 → 报告领导/离岗).
 */
public enum AccountabilityStep {
  YELLOW_CARD,
  ACCOUNTABILITY_NOTICE,
  LEADERSHIP_REPORT
}
