package io.casegrid.intake.duplicates;

import io.casegrid.events.CaseMerged;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseRegistration;
import io.casegrid.intake.cases.CaseReporter;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.intake.personal.SealedReporter;
import io.casegrid.intake.sensors.SensorAlarms;
import io.casegrid.kit.attachment.Attachments;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Makes duplicate reports one case (合并): another caller joins an open case, or a case registered
 * earlier is merged into another with all its reporters, photos and sensor alarms. Each change and
 * its {@code CaseMerged} event commit together; the cases involved are locked, the lower id first,
 * so that concurrent merges neither interleave nor deadlock.
 */
@ApplicationScoped
public class CaseMerging {

  /** A reporter joined a case: the number to tell them, and how many reported it now. */
  public record ReporterAdded(
      UUID caseId, String caseNumber, UUID reporterId, int reporterCount, CaseStatus status) {}

  /** A case merged into another, and what moved with it. */
  public record Merged(
      UUID caseId,
      String caseNumber,
      UUID mergedCaseId,
      String mergedCaseNumber,
      int reporterCount,
      int reportersMoved,
      int photosMoved,
      int alarmsMoved) {}

  private final EntityManager entityManager;
  private final CaseRegistration registration;
  private final PersonalDataCipher cipher;
  private final Attachments attachments;
  private final SensorAlarms sensors;
  private final Outbox outbox;

  CaseMerging(
      EntityManager entityManager,
      CaseRegistration registration,
      PersonalDataCipher cipher,
      Attachments attachments,
      SensorAlarms sensors,
      Outbox outbox) {
    this.entityManager = entityManager;
    this.registration = registration;
    this.cipher = cipher;
    this.attachments = attachments;
    this.sensors = sensors;
    this.outbox = outbox;
  }

  /** Adds a reporter to an open case; their name and phone are sealed as a filer's are. */
  @Transactional
  public ReporterAdded addReporter(UUID caseId, AddReporter request, String actor) {
    CaseRecord c = lockedOpen(caseId, "id");
    Instant now = now();
    RegisterCase.Reporter given = request.reporter();
    CaseReporter r = new CaseReporter();
    r.id = UUID.randomUUID();
    r.caseId = c.id;
    r.toldCaseId = c.id;
    r.channel = request.channel();
    r.note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
    r.reportedAt = now;
    r.recordedBy = actor;
    r.anonymous = given.anonymous();
    r.callbackConsent = !given.anonymous() && given.callbackConsent();
    r.seal(
        given.anonymous()
            ? null
            : SealedReporter.seal(cipher, r.holder(), given.name(), given.phone()));
    entityManager.persist(r);
    int reporters = announce(c, null, actor, now);
    return new ReporterAdded(c.id, c.caseNumber, r.id, reporters, c.status);
  }

  /**
   * Merges {@code mergedId} into {@code survivingId}: its reporters (the one who filed it included,
   * who keeps the number they were told), photos and sensor alarms move to the surviving case, and
   * it is closed as merged.
   */
  @Transactional
  public Merged merge(UUID survivingId, UUID mergedId, String reason, String actor) {
    if (survivingId.equals(mergedId)) {
      throw ProblemException.invalidField(
          "merge-into-itself", "caseId", "a case cannot be merged into itself");
    }
    CaseRecord surviving;
    CaseRecord merged;
    if (survivingId.compareTo(mergedId) < 0) {
      surviving = lockedOpen(survivingId, "id");
      merged = lockedOpen(mergedId, "caseId");
    } else {
      merged = lockedOpen(mergedId, "caseId");
      surviving = lockedOpen(survivingId, "id");
    }
    Instant now = now();
    int reportersMoved = 0;
    if (merged.hasOwnReporter()) {
      moveFiler(merged, surviving, actor);
      reportersMoved++;
    }
    reportersMoved +=
        entityManager
            .createQuery("UPDATE CaseReporter r SET r.caseId = :to WHERE r.caseId = :from")
            .setParameter("to", surviving.id)
            .setParameter("from", merged.id)
            .executeUpdate();
    int photosMoved = attachments.moveAll(merged.id, surviving.id);
    int alarmsMoved = sensors.moveToCase(merged.id, surviving.id);
    merged.status = CaseStatus.MERGED;
    merged.statusChangedAt = now;
    merged.mergedInto = surviving.id;
    entityManager
        .createNativeQuery(
            "INSERT INTO case_merge (merged_case_id, surviving_case_id, merged_by, merged_at,"
                + " reason, reporters_moved, photos_moved, alarms_moved) VALUES (?1, ?2, ?3, ?4,"
                + " ?5, ?6, ?7, ?8)")
        .setParameter(1, merged.id)
        .setParameter(2, surviving.id)
        .setParameter(3, actor)
        .setParameter(4, now)
        .setParameter(5, reason == null || reason.isBlank() ? null : reason.strip())
        .setParameter(6, reportersMoved)
        .setParameter(7, photosMoved)
        .setParameter(8, alarmsMoved)
        .executeUpdate();
    int reporters = announce(surviving, merged, actor, now);
    return new Merged(
        surviving.id,
        surviving.caseNumber,
        merged.id,
        merged.caseNumber,
        reporters,
        reportersMoved,
        photosMoved,
        alarmsMoved);
  }

  // The filer of the merged case becomes a reporter of the surviving case: their data is opened
  // and sealed again for the new row (the old seal is bound to the merged case), then removed from
  // the merged case, so it is kept once.
  private void moveFiler(CaseRecord merged, CaseRecord surviving, String actor) {
    CaseReporter r = new CaseReporter();
    r.id = UUID.randomUUID();
    r.caseId = surviving.id;
    r.toldCaseId = merged.id;
    r.channel = merged.channel;
    r.note = merged.description;
    r.reportedAt = merged.reportedAt;
    r.recordedBy = actor;
    r.anonymous = merged.reporterAnonymous;
    r.callbackConsent = merged.callbackConsent;
    if (!merged.reporterAnonymous && merged.reporter().isPresent()) {
      SealedReporter.Reporter filer;
      try {
        filer = merged.reporter().get().open(cipher, SealedReporter.Holder.ofCase(merged.id));
      } catch (PersonalDataCipher.SealBroken e) {
        throw new ProblemException(
            Response.Status.CONFLICT,
            "reporter-unreadable",
            "the reporter's data of case "
                + merged.caseNumber
                + " does not open under the configured keys; merging would lose it");
      }
      r.seal(SealedReporter.seal(cipher, r.holder(), filer.name(), filer.phone()));
    }
    entityManager.persist(r);
    merged.seal(null);
    merged.callbackConsent = false;
  }

  private int announce(CaseRecord surviving, CaseRecord merged, String actor, Instant now) {
    entityManager.flush();
    int reporters = registration.reporterCount(surviving);
    outbox.announce(
        new CaseMerged(
            surviving.id,
            surviving.caseNumber,
            merged == null ? null : merged.id,
            merged == null ? null : merged.caseNumber,
            reporters,
            actor,
            now));
    return reporters;
  }

  // An unknown case in the path is 404; one named in the body is a wrong field.
  private CaseRecord lockedOpen(UUID id, String field) {
    CaseRecord c = entityManager.find(CaseRecord.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (c == null) {
      throw field.equals("id")
          ? ProblemException.notFound("case " + id)
          : ProblemException.invalidField("unknown-case", field, "is not a registered case");
    }
    if (!c.status.open()) {
      String where =
          c.mergedInto == null
              ? ""
              : "; it was merged into case "
                  + registration.find(c.mergedInto).map(m -> m.caseNumber).orElse("?");
      throw new ProblemException(
          Response.Status.CONFLICT,
          "case-not-open",
          "case " + c.caseNumber + " is " + c.status + where + "; only open cases are merged");
    }
    return c;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
