package io.casegrid.intake.callback;

import io.casegrid.events.Satisfaction;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A callback as operators and the supervision centre read it; numbers typed into the comment are
 * masked for everyone but operators.
 */
public record CallbackView(
    UUID id,
    UUID caseId,
    boolean contacted,
    Boolean resolved,
    Satisfaction satisfaction,
    String comment,
    boolean reopenRequested,
    String departmentCode,
    String recordedBy,
    OffsetDateTime recordedAt) {

  static CallbackView of(CaseCallback c, ZoneId zone, UnaryOperator<String> freeText) {
    return new CallbackView(
        c.id,
        c.caseId,
        c.contacted,
        c.resolved,
        c.satisfaction,
        freeText.apply(c.comment),
        c.reopenRequested,
        c.departmentCode,
        c.recordedBy,
        c.recordedAt.atZone(zone).toOffsetDateTime());
  }
}
