package io.casegrid.supervision.deadline;

/** How a time limit is counted: natural hours (自然时, 24×7), working hours (工作时) or working days (工作日). */
public enum DeadlineUnit {
  NATURAL_HOURS,
  WORKING_HOURS,
  WORKING_DAYS
}
