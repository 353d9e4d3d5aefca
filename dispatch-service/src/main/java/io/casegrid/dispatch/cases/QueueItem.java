package io.casegrid.dispatch.cases;

import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Urgency;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/** A case as queues and readers see it, its moments in the city's time zone. */
public record QueueItem(
    UUID caseId,
    String caseNumber,
    String categoryCode,
    Urgency urgency,
    String description,
    String gridCode,
    String departmentCode,
    CaseState state,
    Verifier verifier,
    RoutingBasis basis,
    String ruleReference,
    OffsetDateTime reportedAt,
    OffsetDateTime dispatchedAt,
    OffsetDateTime signedAt,
    OffsetDateTime resolvedAt,
    OffsetDateTime closedAt,
    OffsetDateTime signDueAt,
    OffsetDateTime resolveDueAt,
    OffsetDateTime extendedUntil,
    OffsetDateTime overdueSince,
    UUID supervisionOrderId,
    OffsetDateTime orderRespondBy,
    String result,
    int returnCount,
    int reworkCount) {

  public static QueueItem of(DispatchCase c, ZoneId zone) {
    return new QueueItem(
        c.caseId(),
        c.caseNumber(),
        c.categoryCode(),
        c.urgency(),
        c.description(),
        c.gridCode(),
        c.departmentCode(),
        c.state(),
        c.verifier(),
        c.basis(),
        c.ruleReference(),
        local(c.reportedAt(), zone),
        local(c.dispatchedAt(), zone),
        local(c.signedAt(), zone),
        local(c.resolvedAt(), zone),
        local(c.closedAt(), zone),
        local(c.signDueAt(), zone),
        local(c.resolveDueAt(), zone),
        local(c.extendedUntil(), zone),
        local(c.overdueSince(), zone),
        c.supervisionOrderId(),
        local(c.orderRespondBy(), zone),
        c.result(),
        c.returnCount(),
        c.reworkCount());
  }

  /** A moment in the city's time zone; null stays null. */
  public static OffsetDateTime local(Instant instant, ZoneId zone) {
    return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
  }
}
