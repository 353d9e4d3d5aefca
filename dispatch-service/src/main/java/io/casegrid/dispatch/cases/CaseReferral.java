package io.casegrid.dispatch.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A department's referral of a case to the owner of its asset (移交权属单位): who found the asset not to
 * be theirs, whose it is, and what the asset register said.
 */
@Entity
@Table(name = "case_referral")
public class CaseReferral extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "case_id")
  public UUID caseId;

  /** The department that referred the case. */
  @Column(name = "department_code")
  public String departmentCode;

  /** The owner it found, to whose queue the case went. */
  @Column(name = "owner_code")
  public String ownerCode;

  @Column(name = "asset_code")
  public String assetCode;

  /** The owner the asset register gave the case, if the referral is about that asset. */
  @Column(name = "registered_owner_code")
  public String registeredOwnerCode;

  public String reason;

  @Column(name = "referred_by")
  public String referredBy;

  @Column(name = "referred_at")
  public Instant referredAt;

  @Column(name = "idempotency_key")
  public String idempotencyKey;
}
