package io.casegrid.events;

/** The citizen's verdict at the callback after closure (回访满意度). */
public enum Satisfaction {
  SATISFIED,
  BASICALLY_SATISFIED,
  DISSATISFIED
}
