package io.casegrid.events;

/** What a department asks a dispatcher to approve. */
public enum RequestKind {
  /** More time, with a new date (延期). */
  EXTENSION,
  /** Parking the case for seasonal or engineering reasons, the clock stopped (挂账/缓办). */
  PARKING
}
