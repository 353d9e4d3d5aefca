package io.casegrid.intake.sensors;

import io.casegrid.intake.sensors.SensorAlarms.Outcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a batch of new alarms does to the conditions of their assets, decided in the order the
 * alarms were observed, without the database: the caller reads the batch's assets and conditions in
 * one go beforehand and writes the outcomes, the changed conditions and the alarms that led up to
 * each new case in one go afterwards. Only the opening of a case is delegated ({@link CaseOpener}),
 * since it registers a case or finds the one a person filed.
 */
final class AlarmBatch {

  /** A condition (状态) is kept per asset and alarm kind. */
  record ConditionKey(String assetCode, AlarmKind kind) implements Comparable<ConditionKey> {
    private static final Comparator<ConditionKey> ORDER =
        Comparator.comparing(ConditionKey::assetCode).thenComparing(ConditionKey::kind);

    /** Conditions are locked in this order, so that two batches never wait for each other. */
    @Override
    public int compareTo(ConditionKey other) {
      return ORDER.compare(this, other);
    }
  }

  /**
   * Where a condition stands: normal (all null), pending its debounce time since {@code
   * pendingSince} until {@code dueAt}, or with its open case ({@code caseId}; a closed case counts
   * as none).
   */
  record Condition(Instant pendingSince, Instant dueAt, UUID caseId) {
    static final Condition NORMAL = new Condition(null, null, null);

    static Condition withCase(UUID caseId) {
      return new Condition(null, null, caseId);
    }
  }

  /** The case a condition led to, and whether it was an open case that a person reported. */
  record Opened(UUID caseId, boolean joined) {}

  /** Opens the case of a condition that held past its debounce time, or joins a person's case. */
  interface CaseOpener {
    Opened open(ConditionKey condition, String description);
  }

  /** What became of one alarm, and the case it belongs to (if any). */
  static final class Decision {
    final SensorAlarm alarm;
    final Instant observedAt;
    Outcome outcome;
    UUID caseId;

    Decision(SensorAlarm alarm, Instant observedAt) {
      this.alarm = alarm;
      this.observedAt = observedAt;
    }

    Outcome outcome() {
      return outcome;
    }

    UUID caseId() {
      return caseId;
    }

    /**
     * Another transaction stored the alarm between the batch's look for it and its insert: a
     * duplicate after all. Only an alarm decided on no condition can be (the others' conditions
     * were locked before the look), as it has changed nothing.
     */
    void storedMeanwhile() {
      if (outcome != Outcome.UNKNOWN_ASSET && outcome != Outcome.NO_RULE) {
        throw new IllegalStateException(
            "alarm " + alarm.alarmId() + " was stored meanwhile though its condition was locked");
      }
      outcome = Outcome.DUPLICATE;
    }
  }

  private final Map<AlarmKind, SensorRule> rules;
  private final Set<String> knownAssets;
  private final Map<ConditionKey, Condition> conditions;
  private final CaseOpener opener;
  private final List<Decision> decisions = new ArrayList<>();
  private final Map<ConditionKey, Condition> changed = new TreeMap<>();
  private final Map<ConditionKey, UUID> opened = new TreeMap<>();

  /**
   * A batch against the rules in force, the assets of the register among the batch's, and the
   * conditions of the batch's assets and kinds as they stand (locked by the caller); a condition
   * missing from {@code conditions} is normal.
   */
  AlarmBatch(
      Map<AlarmKind, SensorRule> rules,
      Set<String> knownAssets,
      Map<ConditionKey, Condition> conditions,
      CaseOpener opener) {
    this.rules = rules;
    this.knownAssets = knownAssets;
    this.conditions = new TreeMap<>(conditions);
    this.opener = opener;
  }

  /**
   * The time an alarm counts as observed at: PostgreSQL keeps microseconds, so the batch decides on
   * the time as it is stored, as the next batch will read it.
   */
  static Instant observedAt(SensorAlarm alarm) {
    return alarm.observedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Decides the alarm, new to the store; call in the order the alarms were observed. */
  Decision accept(SensorAlarm alarm) {
    Decision d = new Decision(alarm, observedAt(alarm));
    decisions.add(d);
    SensorRule rule = rules.get(alarm.kind());
    if (!knownAssets.contains(alarm.assetCode())) {
      d.outcome = Outcome.UNKNOWN_ASSET;
      return d;
    }
    if (rule == null) {
      d.outcome = Outcome.NO_RULE;
      return d;
    }
    ConditionKey key = new ConditionKey(alarm.assetCode(), alarm.kind());
    Condition condition = conditions.getOrDefault(key, Condition.NORMAL);
    if (condition.caseId() != null) {
      d.outcome =
          alarm.state() == SensorAlarm.State.RAISED ? Outcome.ATTACHED : Outcome.CLEARED_ON_CASE;
      d.caseId = condition.caseId();
    } else if (alarm.state() == SensorAlarm.State.CLEARED) {
      d.outcome = condition.pendingSince() != null ? Outcome.DEBOUNCED : Outcome.CLEARED;
      set(key, Condition.NORMAL);
    } else if (rule.threshold() != null
        && (alarm.value() == null || alarm.value() < rule.threshold())) {
      d.outcome = Outcome.BELOW_THRESHOLD;
    } else {
      Instant dueAt =
          condition.dueAt() != null
              ? condition.dueAt()
              : d.observedAt.plusSeconds(rule.debounceSeconds());
      if (!d.observedAt.isBefore(dueAt)) {
        Opened o = open(key, describe(alarm));
        d.outcome = o.joined() ? Outcome.ATTACHED : Outcome.CASE_OPENED;
        d.caseId = o.caseId();
      } else {
        d.outcome = Outcome.PENDING;
        if (condition.pendingSince() == null) {
          set(key, new Condition(d.observedAt, dueAt, null));
        }
      }
    }
    return d;
  }

  /**
   * Opens the case of a condition that held past its debounce time with no alarm to say so (the
   * sweep's way); the alarms that led up to it join it as they do when an alarm opens it.
   */
  Opened openDue(ConditionKey key, String description) {
    return open(key, description);
  }

  private Opened open(ConditionKey key, String description) {
    Opened o = opener.open(key, description);
    set(key, Condition.withCase(o.caseId()));
    opened.put(key, o.caseId());
    // The alarms that led up to it belong to it: this batch's here, earlier ones by the caller.
    for (Decision earlier : decisions) {
      if (earlier.outcome == Outcome.PENDING
          && earlier.caseId == null
          && earlier.alarm.assetCode().equals(key.assetCode())
          && earlier.alarm.kind() == key.kind()) {
        earlier.caseId = o.caseId();
      }
    }
    return o;
  }

  private void set(ConditionKey key, Condition condition) {
    conditions.put(key, condition);
    changed.put(key, condition);
  }

  /** The batch's alarms with what became of them, in the order they were decided. */
  List<Decision> decisions() {
    return Collections.unmodifiableList(decisions);
  }

  /** The conditions the batch set, as they stand after it, in lock order. */
  Map<ConditionKey, Condition> changedConditions() {
    return Collections.unmodifiableMap(changed);
  }

  /**
   * The conditions whose case the batch opened or joined, with that case: the pending alarms stored
   * before the batch belong to it too.
   */
  Map<ConditionKey, UUID> casesOpened() {
    return Collections.unmodifiableMap(opened);
  }

  /** How many alarms of the batch ended how, the duplicates among them given apart. */
  Map<Outcome, Integer> outcomes(int duplicates) {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    if (duplicates > 0) {
      outcomes.put(Outcome.DUPLICATE, duplicates);
    }
    for (Decision d : decisions) {
      outcomes.merge(d.outcome, 1, Integer::sum);
    }
    return outcomes;
  }

  private static String describe(SensorAlarm alarm) {
    return alarm.value() == null ? "raised" : "value " + alarm.value();
  }
}
