package io.casegrid.intake.cases;

import io.casegrid.events.Channel;
import io.casegrid.intake.personal.SealedReporter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A person who reported a case besides the one who filed it (another caller about the same
 * problem), with their name and phone sealed for this row as the filer's are for the case. {@code
 * toldCaseId} is the case whose number they were given: this one, or the case they first reported,
 * which was merged into this one.
 */
@Entity
@Table(name = "case_reporter")
public class CaseReporter {

  @Id public UUID id;

  @Column(name = "case_id")
  public UUID caseId;

  @Column(name = "told_case_id")
  public UUID toldCaseId;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  /** What this reporter said, if it adds to the case's description. */
  public String note;

  @Column(name = "reported_at")
  public Instant reportedAt;

  @Column(name = "recorded_by")
  public String recordedBy;

  public boolean anonymous;

  @Column(name = "callback_consent")
  public boolean callbackConsent;

  @Column(name = "key_id")
  public String keyId;

  @Column(name = "name_sealed")
  public byte[] nameSealed;

  @Column(name = "phone_sealed")
  public byte[] phoneSealed;

  @Column(name = "phone_index")
  public byte[] phoneIndex;

  /** The sealed name and phone; empty for an anonymous reporter and one without. */
  public Optional<SealedReporter> sealed() {
    return keyId == null
        ? Optional.empty()
        : Optional.of(new SealedReporter(keyId, nameSealed, phoneSealed, phoneIndex));
  }

  public SealedReporter.Holder holder() {
    return SealedReporter.Holder.ofJoinedReporter(id);
  }

  /** Keeps the sealed name and phone, or none. */
  public void seal(SealedReporter sealed) {
    keyId = sealed == null ? null : sealed.keyId();
    nameSealed = sealed == null ? null : sealed.nameSealed();
    phoneSealed = sealed == null ? null : sealed.phoneSealed();
    phoneIndex = sealed == null ? null : sealed.phoneIndex();
  }
}
