package io.casegrid.intake.callback;

import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.Satisfaction;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One callback to the citizen after the case was closed (回访); a case may have several. */
@Entity
@Table(name = "case_callback")
public class CaseCallback extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "case_id")
  public UUID caseId;

  public boolean contacted;

  /** Whether the citizen says the problem is solved; null if not reached. */
  public Boolean resolved;

  /** Null if not reached. */
  @Enumerated(EnumType.STRING)
  public Satisfaction satisfaction;

  /** What the citizen said, in the operator's words; kept here, never in an event. */
  public String comment;

  /** Whether dispatch was asked to reopen the case. */
  @Column(name = "reopen_requested")
  public boolean reopenRequested;

  /** The department that had closed the case; null for a case closed on the call. */
  @Column(name = "department_code")
  public String departmentCode;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  /** The callback as announced, with the comment the announcement leaves out. */
  static CaseCallback of(CallbackRecorded recorded, String comment) {
    CaseCallback c = new CaseCallback();
    c.id = recorded.callbackId();
    c.caseId = recorded.caseId();
    c.contacted = recorded.contacted();
    c.resolved = recorded.resolved();
    c.satisfaction = recorded.satisfaction();
    c.comment = comment == null ? null : comment.strip();
    c.reopenRequested = recorded.reopen();
    c.departmentCode = recorded.departmentCode();
    c.recordedBy = recorded.actor();
    c.recordedAt = recorded.recordedAt();
    return c;
  }
}
