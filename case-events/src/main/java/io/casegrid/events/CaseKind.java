package io.casegrid.events;

/** What the citizen or reporter wants (诉求类型): the hotline's five kinds and a defect report. */
public enum CaseKind {
  COMPLAINT,
  REQUEST_FOR_HELP,
  REPORT,
  SUGGESTION,
  CONSULTATION,
  DEFECT
}
