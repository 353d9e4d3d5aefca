package io.casegrid.intake.cases;

import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.EventType;
import io.casegrid.events.RequestKind;

/** Where a case stands, as intake tells a caller: registered here, the rest as dispatch reports. */
public enum CaseStatus {
  /** Registered (立案) and announced; not yet placed with a department. */
  REGISTERED,
  /** Answered and closed by the hotline on the call (首接办结); never routed. */
  CLOSED_AT_FIRST_CONTACT,
  /** Waiting for a dispatcher: no rule could place it, or its department returned it. */
  AWAITING_DISPATCHER,
  /** In a department's queue, not yet signed for. */
  DISPATCHED,
  /** Being handled by its department. */
  IN_HAND,
  /** Parked with approval (挂账). */
  PARKED,
  /** Reported handled, waiting for verification. */
  RESOLVED,
  /** Verified and closed. */
  CLOSED,
  /**
   * Closed, but the citizen was dissatisfied at the callback and dispatch was asked to reopen it;
   * in hand again once dispatch reports the reopening.
   */
  REOPEN_REQUESTED,
  /**
   * Merged into another case that reports the same problem (合并): its reporters and photos belong to
   * that case now, and no department handles it any more.
   */
  MERGED;

  /**
   * Whether the case is still to be handled, so that a new report of the same problem joins it
   * rather than opening another: neither closed, nor waiting to be reopened, nor merged.
   */
  public boolean open() {
    return switch (this) {
      case REGISTERED, AWAITING_DISPATCHER, DISPATCHED, IN_HAND, PARKED, RESOLVED -> true;
      case CLOSED, CLOSED_AT_FIRST_CONTACT, REOPEN_REQUESTED, MERGED -> false;
    };
  }

  /**
   * The status a case has after an event dispatch announced about it; null for an event that does
   * not change it (an approval of an extension, a co-handling report…).
   */
  public static CaseStatus reportedByDispatch(
      EventType type, java.util.function.Supplier<ApprovalDecided> decided) {
    return switch (type) {
      case CASE_DISPATCHED -> DISPATCHED;
      case CASE_RETURNED -> AWAITING_DISPATCHER;
      case CASE_SIGNED, CASE_RESUMED, CASE_REOPENED -> IN_HAND;
      case CASE_RESOLVED -> RESOLVED;
      case CASE_CLOSED -> CLOSED;
      case APPROVAL_DECIDED -> {
        ApprovalDecided approval = decided.get();
        yield approval.approved() && approval.kind() == RequestKind.PARKING ? PARKED : null;
      }
      default -> null;
    };
  }

  /** Every open status, for queries. */
  public static java.util.Set<CaseStatus> openOnes() {
    return java.util.Arrays.stream(values())
        .filter(CaseStatus::open)
        .collect(
            java.util.stream.Collectors.toCollection(
                () -> java.util.EnumSet.noneOf(CaseStatus.class)));
  }
}
