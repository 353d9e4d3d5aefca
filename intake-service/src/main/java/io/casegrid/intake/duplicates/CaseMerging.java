package io.casegrid.intake.duplicates;

import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseReporter;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.intake.cases.Cases;
import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.intake.personal.SealedReporter;
import io.casegrid.intake.sensors.SensorAlarms;
import io.casegrid.kit.attachment.Attachments;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Makes duplicate reports one case (合并): another caller joins an open case, or a case registered
 * earlier is merged into another with all its reporters, photos and sensor alarms. The cases decide
 * ({@link CaseRecord#join}, {@link CaseRecord#mergeInto}) and announce ({@link
 * CaseRecord#reportersChanged}); this moves what belongs to other tables and features, and each
 * change commits with its {@code CaseMerged} event. The cases involved are locked, the lower id
 * first, so that concurrent merges neither interleave nor deadlock.
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
  private final Cases cases;
  private final PersonalDataCipher cipher;
  private final Attachments attachments;
  private final SensorAlarms sensors;
  private final Outbox outbox;

  CaseMerging(
      EntityManager entityManager,
      Cases cases,
      PersonalDataCipher cipher,
      Attachments attachments,
      SensorAlarms sensors,
      Outbox outbox) {
    this.entityManager = entityManager;
    this.cases = cases;
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
    UUID reporterId = UUID.randomUUID();
    RegisterCase.Reporter given = request.reporter();
    CaseReporter r =
        c.join(
            reporterId,
            request.channel(),
            request.note(),
            given,
            given.anonymous()
                ? null
                : SealedReporter.seal(
                    cipher,
                    SealedReporter.Holder.ofJoinedReporter(reporterId),
                    given.name(),
                    given.phone()),
            actor,
            now);
    cases.add(r);
    int reporters = announce(c, null, actor, now);
    return new ReporterAdded(c.id(), c.caseNumber(), r.id, reporters, c.status());
  }

  /**
   * Merges {@code mergedId} into {@code survivingId}: its reporters (the one who filed it included,
   * who keeps the number they were told), photos and sensor alarms move to the surviving case, and
   * it is closed as merged.
   */
  @Transactional
  public Merged merge(UUID survivingId, UUID mergedId, String reason, String actor) {
    CaseRecord.requireTwoCases(survivingId, mergedId);
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
    // The reporters who had joined the merged case move first; its filer is added after them.
    int reportersMoved =
        entityManager
            .createQuery("UPDATE CaseReporter r SET r.caseId = :to WHERE r.caseId = :from")
            .setParameter("to", surviving.id())
            .setParameter("from", merged.id())
            .executeUpdate();
    CaseReporter filer = merged.mergeInto(surviving, f -> resealed(merged, f), actor, now);
    if (filer != null) {
      cases.add(filer);
      reportersMoved++;
    }
    int photosMoved = attachments.moveAll(merged.id(), surviving.id());
    int alarmsMoved = sensors.moveToCase(merged.id(), surviving.id());
    entityManager
        .createNativeQuery(
            "INSERT INTO case_merge (merged_case_id, surviving_case_id, merged_by, merged_at,"
                + " reason, reporters_moved, photos_moved, alarms_moved) VALUES (?1, ?2, ?3, ?4,"
                + " ?5, ?6, ?7, ?8)")
        .setParameter(1, merged.id())
        .setParameter(2, surviving.id())
        .setParameter(3, actor)
        .setParameter(4, now)
        .setParameter(5, reason == null || reason.isBlank() ? null : reason.strip())
        .setParameter(6, reportersMoved)
        .setParameter(7, photosMoved)
        .setParameter(8, alarmsMoved)
        .executeUpdate();
    int reporters = announce(surviving, merged, actor, now);
    return new Merged(
        surviving.id(),
        surviving.caseNumber(),
        merged.id(),
        merged.caseNumber(),
        reporters,
        reportersMoved,
        photosMoved,
        alarmsMoved);
  }

  // The filer's data of a merged case, opened and sealed again for its new row (the old seal is
  // bound to the merged case); data that does not open is not merged away.
  private SealedReporter resealed(CaseRecord merged, CaseReporter filer) {
    SealedReporter.Reporter data;
    try {
      data =
          merged.reporter().orElseThrow().open(cipher, SealedReporter.Holder.ofCase(merged.id()));
    } catch (PersonalDataCipher.SealBroken e) {
      throw DomainException.conflict(
          "reporter-unreadable",
          "the reporter's data of case "
              + merged.caseNumber()
              + " does not open under the configured keys; merging would lose it");
    }
    return SealedReporter.seal(cipher, filer.holder(), data.name(), data.phone());
  }

  private int announce(CaseRecord surviving, CaseRecord merged, String actor, Instant now) {
    entityManager.flush();
    int reporters = cases.reporterCount(surviving);
    outbox.announce(surviving.reportersChanged(merged, reporters, actor, now));
    return reporters;
  }

  // An unknown case in the path is 404; one named in the body is a wrong field.
  private CaseRecord lockedOpen(UUID id, String field) {
    CaseRecord c =
        cases
            .locked(id)
            .orElseThrow(
                () ->
                    field.equals("id")
                        ? DomainException.notFound("case " + id)
                        : DomainException.invalidField(
                            "unknown-case", field, "is not a registered case"));
    c.requireOpen(cases::numberOf);
    return c;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
