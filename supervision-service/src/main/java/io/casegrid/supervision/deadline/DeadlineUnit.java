package io.casegrid.supervision.deadline;

/**
 * How a time limit is counted: in natural hours (自然时, around the clock, holidays included), in
 * working hours (工作时, only the working periods of working days) or in working days (工作日, the same
 * time of day on a later working day).
 */
public enum DeadlineUnit {
  /** Hours around the clock, 24×7: emergencies and utilities. */
  NATURAL_HOURS,
  /** Hours inside the working periods of working days. */
  WORKING_HOURS,
  /** Whole working days, counted on the official calendar with holidays and make-up days. */
  WORKING_DAYS
}
