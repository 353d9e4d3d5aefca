package io.casegrid.dispatch.cases;

import io.casegrid.events.ApprovalRequested;
import io.casegrid.events.RequestKind;
import io.casegrid.kit.domain.DomainException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A department's request for an extension (延期) or to park a case (挂账), and its decision. */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest extends PanacheEntityBase {

  /** Where a request stands; it is withdrawn when the case moves on before a decision. */
  public enum Status {
    PENDING,
    APPROVED,
    REFUSED,
    WITHDRAWN
  }

  @Id public UUID id;

  @Column(name = "case_id")
  public UUID caseId;

  @Enumerated(EnumType.STRING)
  public RequestKind kind;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Column(name = "department_code")
  public String departmentCode;

  public String reason;
  public Instant until;

  @Column(name = "requested_by")
  public String requestedBy;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "decided_by")
  public String decidedBy;

  @Column(name = "decision_reason")
  public String decisionReason;

  @Column(name = "decided_at")
  public Instant decidedAt;

  /** The request a department made, as its event tells it. */
  static ApprovalRequest of(ApprovalRequested requested) {
    ApprovalRequest request = new ApprovalRequest();
    request.id = requested.requestId();
    request.caseId = requested.caseId();
    request.kind = requested.kind();
    request.status = Status.PENDING;
    request.departmentCode = requested.departmentCode();
    request.reason = requested.reason();
    request.until = requested.until();
    request.requestedBy = requested.actor();
    request.requestedAt = requested.requestedAt();
    return request;
  }

  /** Refuses (409) to decide a request decided or withdrawn already. */
  void requirePending() {
    if (status != Status.PENDING) {
      throw DomainException.conflict("already-decided", "the request is " + status);
    }
  }

  void decide(boolean approved, String reason, String actor, Instant at) {
    status = approved ? Status.APPROVED : Status.REFUSED;
    decidedBy = actor;
    decisionReason = reason;
    decidedAt = at;
  }
}
