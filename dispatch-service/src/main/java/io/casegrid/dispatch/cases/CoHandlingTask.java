package io.casegrid.dispatch.cases;

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

/** A co-handling department's task (协办任务), linked to the lead department's case. */
@Entity
@Table(name = "co_handling_task")
public class CoHandlingTask extends PanacheEntityBase {

  /** Open until the co-handler reports; cancelled when the case leaves its lead department. */
  public enum State {
    OPEN,
    REPORTED,
    CANCELLED
  }

  @Id public UUID id;

  @Column(name = "case_id")
  public UUID caseId;

  @Column(name = "department_code")
  public String departmentCode;

  @Enumerated(EnumType.STRING)
  public State state;

  public String report;

  @Column(name = "reported_by")
  public String reportedBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "closed_at")
  public Instant closedAt;

  /** The co-handler's report of its part; an open task only (409 otherwise). */
  void report(String report, String actor, Instant at) {
    if (state != State.OPEN) {
      throw DomainException.conflict("task-not-open", "the task is " + state);
    }
    state = State.REPORTED;
    this.report = report;
    reportedBy = actor;
    closedAt = at;
  }
}
