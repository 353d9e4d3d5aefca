package io.casegrid.supervision.metrics;

import java.util.List;

/**
 * The counters of a group over a period, as {@code metric_daily} keeps them per day. Which day a
 * counter falls on is {@link CaseFacts#contributions}'s business; the formulas only divide them.
 *
 * @param received cases reported
 * @param dispatched cases dispatched (first dispatch)
 * @param dispatches dispatches to the department, re-dispatches after returns included
 * @param returned returns (退单), counted for the department that returned the case
 * @param returnedCases cases the department returned at least once
 * @param extended cases given an extension (延期)
 * @param reportedFixed reports of the work done (处理反馈), one per attempt
 * @param reworked reopenings after a failed check (返工)
 * @param signed cases signed for
 * @param signedOnTime cases signed for within the limit
 * @param due cases due to close (应结案)
 * @param dueDeferred of these, cases extended or parked (延期、挂账)
 * @param closed of these, cases closed
 * @param closedOnTime of these, cases closed by their deadline
 * @param closedOnTimeDeferred of these, cases extended or parked
 * @param firstContactResolved cases the hotline closed on the call (首接办结), of those received
 * @param called cases called back after closure (回访), each with its latest callback
 * @param contacted of these, citizens reached
 * @param callbackResolved of these, citizens who said the problem was resolved
 * @param satisfied of these, satisfied (满意)
 * @param basicallySatisfied of these, basically satisfied (基本满意)
 * @param returnsUpheld returns the dispatcher upheld by placing the case with another department:
 *     routing errors, against dispatch accuracy
 * @param returnsRefused returns the dispatcher refused by sending the case back to the department
 *     that returned it: against the returner
 */
public record Counts(
    long received,
    long dispatched,
    long dispatches,
    long returned,
    long returnedCases,
    long extended,
    long reportedFixed,
    long reworked,
    long signed,
    long signedOnTime,
    long due,
    long dueDeferred,
    long closed,
    long closedOnTime,
    long closedOnTimeDeferred,
    long firstContactResolved,
    long called,
    long contacted,
    long callbackResolved,
    long satisfied,
    long basicallySatisfied,
    long returnsUpheld,
    long returnsRefused) {

  /** The columns of {@code metric_daily}, in the order of the components. */
  public static final List<String> COLUMNS =
      List.of(
          "received",
          "dispatched",
          "dispatches",
          "returned",
          "returned_cases",
          "extended",
          "reported_fixed",
          "reworked",
          "signed",
          "signed_on_time",
          "due",
          "due_deferred",
          "closed",
          "closed_on_time",
          "closed_on_time_deferred",
          "first_contact_resolved",
          "called",
          "contacted",
          "callback_resolved",
          "satisfied",
          "basically_satisfied",
          "returns_upheld",
          "returns_refused");

  public static final Counts NONE = of(new long[COLUMNS.size()]);

  public static Counts of(long[] v) {
    if (v.length != COLUMNS.size()) {
      throw new IllegalArgumentException("expected " + COLUMNS.size() + " counters");
    }
    return new Counts(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
        v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22]);
  }

  public long[] toArray() {
    return new long[] {
      received,
      dispatched,
      dispatches,
      returned,
      returnedCases,
      extended,
      reportedFixed,
      reworked,
      signed,
      signedOnTime,
      due,
      dueDeferred,
      closed,
      closedOnTime,
      closedOnTimeDeferred,
      firstContactResolved,
      called,
      contacted,
      callbackResolved,
      satisfied,
      basicallySatisfied,
      returnsUpheld,
      returnsRefused
    };
  }

  public Counts plus(Counts other) {
    long[] a = toArray();
    long[] b = other.toArray();
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return of(a);
  }
}
