package io.casegrid.intake.sensors;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseRegistration;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.intake.cases.RegisterCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns sensor alarms into cases (传感器报警立案): every alarm is kept once, by its id; a raised condition
 * opens a case only when it holds past its rule's threshold for the debounce time; while that case
 * is open, further alarms of the asset and kind attach to it, and a clearing is recorded on it. An
 * open case that a person already filed for the asset takes the condition instead of a new case.
 * Alarms of one asset and kind are serialised by a row lock, so a storm of them from several
 * gateways or instances opens one case, not thousands.
 */
@ApplicationScoped
public class SensorAlarms {

  /** What became of an alarm. */
  public enum Outcome {
    DUPLICATE,
    UNKNOWN_ASSET,
    NO_RULE,
    BELOW_THRESHOLD,
    PENDING,
    DEBOUNCED,
    CLEARED,
    CASE_OPENED,
    ATTACHED,
    CLEARED_ON_CASE
  }

  /** How many alarms of a batch ended how. */
  public record Result(int received, Map<Outcome, Integer> outcomes) {}

  private record Asset(String categoryCode, double latitude, double longitude) {}

  private final EntityManager entityManager;
  private final CaseRegistration registration;

  SensorAlarms(EntityManager entityManager, CaseRegistration registration) {
    this.entityManager = entityManager;
    this.registration = registration;
  }

  /** Applies a batch in one transaction, in the order the alarms were observed. */
  @Transactional
  public Result accept(List<SensorAlarm> alarms) {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    Map<AlarmKind, SensorRule> rules = rules();
    List<SensorAlarm> ordered = new ArrayList<>(alarms);
    ordered.sort(Comparator.comparing(SensorAlarm::observedAt));
    for (SensorAlarm alarm : ordered) {
      Outcome outcome = stored(alarm) ? apply(alarm, rules.get(alarm.kind())) : Outcome.DUPLICATE;
      outcomes.merge(outcome, 1, Integer::sum);
      // Each native query flushes the persistence context first, dirty-checking every case and
      // event the batch registered so far: a storm's batch spent 93 % of intake's CPU there.
      entityManager.flush();
      entityManager.clear();
    }
    return new Result(alarms.size(), outcomes);
  }

  /**
   * Opens the cases of conditions that held past their debounce time without a clearing; the sweep
   * calls it. Returns how many it opened.
   */
  @Transactional
  public int openDue(Instant now, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> due =
        entityManager
            .createNativeQuery(
                "SELECT asset_code, kind FROM sensor_condition WHERE due_at <= ?1 AND case_id IS"
                    + " NULL ORDER BY due_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    for (Object[] row : due) {
      String assetCode = (String) row[0];
      AlarmKind kind = AlarmKind.valueOf((String) row[1]);
      openCase(assetCode, kind, asset(assetCode), "held past its debounce time");
    }
    return due.size();
  }

  private boolean stored(SensorAlarm a) {
    return entityManager
            .createNativeQuery(
                "INSERT INTO sensor_alarm (alarm_id, asset_code, kind, state, value, observed_at,"
                    + " outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'RECEIVED') ON CONFLICT DO NOTHING")
            .setParameter(1, a.alarmId())
            .setParameter(2, a.assetCode())
            .setParameter(3, a.kind().name())
            .setParameter(4, a.state().name())
            .setParameter(5, a.value())
            .setParameter(6, a.observedAt().toInstant())
            .executeUpdate()
        == 1;
  }

  private Outcome apply(SensorAlarm alarm, SensorRule rule) {
    Asset asset = asset(alarm.assetCode());
    Outcome outcome;
    UUID caseId = null;
    if (asset == null) {
      outcome = Outcome.UNKNOWN_ASSET;
    } else if (rule == null) {
      outcome = Outcome.NO_RULE;
    } else {
      entityManager
          .createNativeQuery(
              "INSERT INTO sensor_condition (asset_code, kind) VALUES (?1, ?2) ON CONFLICT DO"
                  + " NOTHING")
          .setParameter(1, alarm.assetCode())
          .setParameter(2, alarm.kind().name())
          .executeUpdate();
      Object[] condition =
          (Object[])
              entityManager
                  .createNativeQuery(
                      "SELECT pending_since, due_at, case_id FROM sensor_condition WHERE"
                          + " asset_code = ?1 AND kind = ?2 FOR UPDATE")
                  .setParameter(1, alarm.assetCode())
                  .setParameter(2, alarm.kind().name())
                  .getSingleResult();
      caseId = openCaseOf((UUID) condition[2]);
      if (caseId != null) {
        outcome =
            alarm.state() == SensorAlarm.State.RAISED ? Outcome.ATTACHED : Outcome.CLEARED_ON_CASE;
      } else if (alarm.state() == SensorAlarm.State.CLEARED) {
        outcome = condition[0] != null ? Outcome.DEBOUNCED : Outcome.CLEARED;
        setCondition(alarm, null, null, null);
      } else if (rule.threshold() != null
          && (alarm.value() == null || alarm.value() < rule.threshold())) {
        outcome = Outcome.BELOW_THRESHOLD;
      } else {
        Instant observed = alarm.observedAt().toInstant();
        Instant dueAt =
            condition[1] != null
                ? instant(condition[1])
                : observed.plusSeconds(rule.debounceSeconds());
        if (!observed.isBefore(dueAt)) {
          Opened opened = openCase(alarm.assetCode(), alarm.kind(), asset, describe(alarm));
          caseId = opened.caseId();
          outcome = opened.joined() ? Outcome.ATTACHED : Outcome.CASE_OPENED;
        } else {
          outcome = Outcome.PENDING;
          if (condition[0] == null) {
            setCondition(alarm, observed, dueAt, null);
          }
        }
      }
    }
    entityManager
        .createNativeQuery("UPDATE sensor_alarm SET outcome = ?1, case_id = ?2 WHERE alarm_id = ?3")
        .setParameter(1, outcome.name())
        .setParameter(2, caseId)
        .setParameter(3, alarm.alarmId())
        .executeUpdate();
    return outcome;
  }

  /** The case a condition led to, and whether it was an open case that someone else reported. */
  private record Opened(UUID caseId, boolean joined) {}

  // A case someone already reported for the asset, while open, takes the condition (one problem,
  // one case); else a case is registered as any other, by the asset: its category, its place, its
  // owner.
  private Opened openCase(String assetCode, AlarmKind kind, Asset asset, String description) {
    UUID reported = openCaseOfAsset(assetCode);
    UUID caseId = reported != null ? reported : register(assetCode, kind, asset, description);
    entityManager
        .createNativeQuery(
            "UPDATE sensor_condition SET pending_since = NULL, due_at = NULL, case_id = ?3 WHERE"
                + " asset_code = ?1 AND kind = ?2")
        .setParameter(1, assetCode)
        .setParameter(2, kind.name())
        .setParameter(3, caseId)
        .executeUpdate();
    // The alarms that led up to it belong to it.
    entityManager
        .createNativeQuery(
            "UPDATE sensor_alarm SET case_id = ?3 WHERE asset_code = ?1 AND kind = ?2 AND"
                + " outcome = 'PENDING' AND case_id IS NULL")
        .setParameter(1, assetCode)
        .setParameter(2, kind.name())
        .setParameter(3, caseId)
        .executeUpdate();
    return new Opened(caseId, reported != null);
  }

  // Sensors' own cases stay one per asset and alarm kind.
  private UUID openCaseOfAsset(String assetCode) {
    return entityManager
        .createQuery(
            "SELECT c.id FROM CaseRecord c WHERE c.assetCode = :a AND c.channel <> :sensor AND"
                + " c.status IN :open ORDER BY c.reportedAt DESC",
            UUID.class)
        .setParameter("a", assetCode)
        .setParameter("sensor", Channel.SENSOR)
        .setParameter("open", CaseStatus.openOnes())
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  /**
   * Moves the alarms and the open conditions of a case to the case it was merged into, so that
   * further alarms of those assets attach there; returns how many alarms moved.
   */
  public int moveToCase(UUID fromCaseId, UUID toCaseId) {
    entityManager
        .createNativeQuery("UPDATE sensor_condition SET case_id = ?2 WHERE case_id = ?1")
        .setParameter(1, fromCaseId)
        .setParameter(2, toCaseId)
        .executeUpdate();
    return entityManager
        .createNativeQuery("UPDATE sensor_alarm SET case_id = ?2 WHERE case_id = ?1")
        .setParameter(1, fromCaseId)
        .setParameter(2, toCaseId)
        .executeUpdate();
  }

  private UUID register(String assetCode, AlarmKind kind, Asset asset, String description) {
    CaseRecord c =
        registration.register(
            new RegisterCase(
                CaseKind.REPORT,
                Channel.SENSOR,
                asset.categoryCode(),
                null,
                "智能井盖报警 " + kind + ": " + description,
                new RegisterCase.Position(asset.latitude(), asset.longitude()),
                // An asset outside every grid is still registered, for a dispatcher to place.
                "部件 " + assetCode,
                assetCode,
                null,
                null,
                new RegisterCase.Reporter(null, null, true, false),
                null,
                null),
            "sensor");
    return c.id();
  }

  // The case of a condition while it is open; a closed case lets the next alarm start afresh.
  private UUID openCaseOf(UUID caseId) {
    if (caseId == null) {
      return null;
    }
    CaseRecord c = entityManager.find(CaseRecord.class, caseId);
    return c != null && !c.status().name().startsWith("CLOSED") ? caseId : null;
  }

  private void setCondition(SensorAlarm alarm, Instant pendingSince, Instant dueAt, UUID caseId) {
    entityManager
        .createNativeQuery(
            "UPDATE sensor_condition SET pending_since = ?3, due_at = ?4, case_id = ?5 WHERE"
                + " asset_code = ?1 AND kind = ?2")
        .setParameter(1, alarm.assetCode())
        .setParameter(2, alarm.kind().name())
        .setParameter(3, pendingSince)
        .setParameter(4, dueAt)
        .setParameter(5, caseId)
        .executeUpdate();
  }

  private Map<AlarmKind, SensorRule> rules() {
    Map<AlarmKind, SensorRule> rules = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery("SELECT kind, threshold, debounce_seconds FROM sensor_rule")
            .getResultList();
    for (Object[] r : rows) {
      AlarmKind kind = AlarmKind.valueOf((String) r[0]);
      rules.put(
          kind,
          new SensorRule(
              kind,
              r[1] == null ? null : ((Number) r[1]).doubleValue(),
              ((Number) r[2]).intValue()));
    }
    return rules;
  }

  private Asset asset(String code) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT category_code, latitude, longitude FROM asset WHERE code = ?1")
            .setParameter(1, code)
            .getResultList();
    return rows.isEmpty()
        ? null
        : new Asset(
            (String) rows.get(0)[0],
            ((Number) rows.get(0)[1]).doubleValue(),
            ((Number) rows.get(0)[2]).doubleValue());
  }

  /** The rules in force, by alarm kind. */
  public List<SensorRule> currentRules() {
    return rules().values().stream()
        .sorted(java.util.Comparator.comparing(SensorRule::kind))
        .toList();
  }

  /** Replaces the rules, all at once. */
  @Transactional
  public void loadRules(List<SensorRule> rules) {
    entityManager.createNativeQuery("DELETE FROM sensor_rule").executeUpdate();
    for (SensorRule rule : rules) {
      entityManager
          .createNativeQuery(
              "INSERT INTO sensor_rule (kind, threshold, debounce_seconds) VALUES (?1, ?2, ?3)")
          .setParameter(1, rule.kind().name())
          .setParameter(2, rule.threshold())
          .setParameter(3, rule.debounceSeconds())
          .executeUpdate();
    }
  }

  private static String describe(SensorAlarm alarm) {
    return alarm.value() == null ? "raised" : "value " + alarm.value();
  }

  private static Instant instant(Object value) {
    return value instanceof java.time.OffsetDateTime o
        ? o.toInstant()
        : ((Instant) value).truncatedTo(ChronoUnit.MICROS);
  }
}
