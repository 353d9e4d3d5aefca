package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** The department answered a supervision order: what it has done and will do, and by when. */
public record SupervisionOrderAnswered(
    UUID caseId,
    UUID orderId,
    String departmentCode,
    String answer,
    String actor,
    Instant answeredAt)
    implements CaseEvent {}
