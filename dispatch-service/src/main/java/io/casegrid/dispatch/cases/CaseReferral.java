package io.casegrid.dispatch.cases;

import io.casegrid.events.CaseReferred;
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

  /** The referral a department made, as its event tells it, kept under the command's key. */
  static CaseReferral of(CaseReferred referred, String idempotencyKey) {
    CaseReferral referral = new CaseReferral();
    referral.id = UUID.randomUUID();
    referral.caseId = referred.caseId();
    referral.departmentCode = referred.departmentCode();
    referral.ownerCode = referred.ownerCode();
    referral.assetCode = referred.assetCode();
    referral.registeredOwnerCode = referred.registeredOwnerCode();
    referral.reason = referred.reason();
    referral.referredBy = referred.actor();
    referral.referredAt = referred.referredAt();
    referral.idempotencyKey = idempotencyKey;
    return referral;
  }
}
