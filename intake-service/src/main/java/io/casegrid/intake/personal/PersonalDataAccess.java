package io.casegrid.intake.personal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One read of a reporter's unmasked name and phone: who, when, which case, how. */
@Entity
@Table(name = "personal_data_access")
public class PersonalDataAccess {

  /** How the personal data was reached. */
  public enum Action {
    /** The case was shown (by its id or its number). */
    VIEW,
    /** The case was found by the caller's phone. */
    SEARCH_BY_PHONE
  }

  @Id public UUID id;

  @Column(name = "accessed_at")
  public Instant accessedAt;

  @Column(name = "user_name")
  public String userName;

  @Column(name = "case_id")
  public UUID caseId;

  @Enumerated(EnumType.STRING)
  public Action action;
}
