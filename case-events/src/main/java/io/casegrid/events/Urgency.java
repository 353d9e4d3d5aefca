package io.casegrid.events;

/** How urgent a case is (紧急程度); decides its time limits together with its category. */
public enum Urgency {
  NORMAL,
  URGENT,
  EMERGENCY
}
