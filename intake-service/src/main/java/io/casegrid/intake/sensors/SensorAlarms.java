package io.casegrid.intake.sensors;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseRegistration;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.intake.sensors.AlarmBatch.Condition;
import io.casegrid.intake.sensors.AlarmBatch.ConditionKey;
import io.casegrid.intake.sensors.AlarmBatch.Opened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

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

  /** What a batch reads before deciding: its assets, its conditions (locked), its stored ids. */
  private record Read(
      Map<String, Asset> assets, Map<ConditionKey, Condition> conditions, Set<String> stored) {}

  private final EntityManager entityManager;
  private final CaseRegistration registration;

  SensorAlarms(EntityManager entityManager, CaseRegistration registration) {
    this.entityManager = entityManager;
    this.registration = registration;
  }

  /**
   * Applies a batch in one transaction, in the order the alarms were observed: a handful of
   * statements for the whole batch (its assets, its conditions locked, which alarms are stored
   * already; then the changed conditions, and the new alarms with their outcomes), the decisions in
   * {@link AlarmBatch}. A statement per alarm, each flushing Hibernate's persistence context, was
   * most of intake's CPU during a storm.
   */
  @Transactional
  public Result accept(List<SensorAlarm> alarms) {
    Map<AlarmKind, SensorRule> rules = rules();
    List<SensorAlarm> ordered = new ArrayList<>(alarms);
    ordered.sort(Comparator.comparing(SensorAlarm::observedAt));
    Read read = work(connection -> read(connection, ordered, rules));
    AlarmBatch batch =
        new AlarmBatch(rules, read.assets().keySet(), read.conditions(), opener(read));
    Set<String> seen = new HashSet<>(read.stored());
    int duplicates = 0;
    for (SensorAlarm alarm : ordered) {
      if (seen.add(alarm.alarmId())) {
        batch.accept(alarm);
      } else {
        duplicates++;
      }
    }
    work(connection -> write(connection, batch));
    return new Result(alarms.size(), batch.outcomes(duplicates));
  }

  /**
   * Opens the cases of conditions that held past their debounce time without a clearing; the sweep
   * calls it. Returns how many it opened.
   */
  @Transactional
  public int openDue(Instant now, int limit) {
    List<ConditionKey> due =
        work(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT asset_code, kind FROM sensor_condition WHERE due_at <= ?::timestamptz"
                          + " AND case_id IS NULL ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
                select.setString(1, now.toString());
                select.setInt(2, limit);
                List<ConditionKey> keys = new ArrayList<>();
                try (ResultSet r = select.executeQuery()) {
                  while (r.next()) {
                    keys.add(new ConditionKey(r.getString(1), AlarmKind.valueOf(r.getString(2))));
                  }
                }
                return keys;
              }
            });
    if (due.isEmpty()) {
      return 0;
    }
    Map<String, Asset> assets =
        work(connection -> assets(connection, due.stream().map(ConditionKey::assetCode)));
    Read read = new Read(assets, Map.of(), Set.of());
    AlarmBatch batch = new AlarmBatch(Map.of(), assets.keySet(), Map.of(), opener(read));
    for (ConditionKey key : due) {
      batch.openDue(key, "held past its debounce time");
    }
    work(connection -> write(connection, batch));
    return due.size();
  }

  // Reads the batch's assets, then creates and locks the conditions its alarms may change (in one
  // order, so that two batches never wait for each other), and only then looks for the alarms
  // stored already: a batch with the same alarms waited for that lock and sees them.
  private Read read(
      Connection connection, List<SensorAlarm> alarms, Map<AlarmKind, SensorRule> rules)
      throws SQLException {
    Map<String, Asset> assets = assets(connection, alarms.stream().map(SensorAlarm::assetCode));
    Set<ConditionKey> keys = new TreeSet<>();
    for (SensorAlarm alarm : alarms) {
      if (assets.containsKey(alarm.assetCode()) && rules.containsKey(alarm.kind())) {
        keys.add(new ConditionKey(alarm.assetCode(), alarm.kind()));
      }
    }
    Map<ConditionKey, Condition> conditions = new HashMap<>();
    if (!keys.isEmpty()) {
      Array codes = texts(connection, keys.stream().map(ConditionKey::assetCode));
      Array kinds = texts(connection, keys.stream().map(k -> k.kind().name()));
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO sensor_condition (asset_code, kind) SELECT * FROM unnest(?::text[],"
                  + " ?::text[]) ON CONFLICT DO NOTHING")) {
        insert.setArray(1, codes);
        insert.setArray(2, kinds);
        insert.executeUpdate();
      }
      Map<ConditionKey, UUID> casesOfConditions = new HashMap<>();
      try (PreparedStatement select =
          connection.prepareStatement(
              """
              SELECT asset_code, kind, pending_since, due_at, case_id FROM sensor_condition
              WHERE (asset_code, kind) IN (SELECT * FROM unnest(?::text[], ?::text[]))
              ORDER BY asset_code, kind FOR UPDATE
              """)) {
        select.setArray(1, codes);
        select.setArray(2, kinds);
        try (ResultSet r = select.executeQuery()) {
          while (r.next()) {
            ConditionKey key = new ConditionKey(r.getString(1), AlarmKind.valueOf(r.getString(2)));
            conditions.put(
                key,
                new Condition(
                    instant(r.getObject(3, OffsetDateTime.class)),
                    instant(r.getObject(4, OffsetDateTime.class)),
                    null));
            UUID caseId = r.getObject(5, UUID.class);
            if (caseId != null) {
              casesOfConditions.put(key, caseId);
            }
          }
        }
      }
      // A condition's case counts while it is open; a closed case lets the next alarm start afresh.
      // Read in a statement of its own, after the lock: a condition whose lock this batch waited
      // for may have a case the sweep registered meanwhile, which a join in the locking statement
      // would not see (it re-reads the locked row only), and a second case would open.
      if (!casesOfConditions.isEmpty()) {
        Set<UUID> open = new HashSet<>();
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM case_record WHERE id = ANY (?::uuid[]) AND status NOT LIKE"
                    + " 'CLOSED%'")) {
          select.setArray(1, texts(connection, casesOfConditions.values().stream()));
          try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
              open.add(r.getObject(1, UUID.class));
            }
          }
        }
        casesOfConditions.forEach(
            (key, caseId) -> {
              if (open.contains(caseId)) {
                conditions.put(key, Condition.withCase(caseId));
              }
            });
      }
    }
    Set<String> stored = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement("SELECT alarm_id FROM sensor_alarm WHERE alarm_id = ANY (?)")) {
      select.setArray(1, texts(connection, alarms.stream().map(SensorAlarm::alarmId)));
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          stored.add(r.getString(1));
        }
      }
    }
    return new Read(assets, conditions, stored);
  }

  // Writes what the batch decided: the conditions it changed, its new cases on the alarms stored
  // before that led up to them, and its alarms (an alarm another transaction stored meanwhile is
  // a duplicate after all).
  private Void write(Connection connection, AlarmBatch batch) throws SQLException {
    Map<ConditionKey, Condition> changed = batch.changedConditions();
    if (!changed.isEmpty()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              """
              UPDATE sensor_condition c SET pending_since = u.pending_since::timestamptz,
                due_at = u.due_at::timestamptz, case_id = u.case_id::uuid
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS u (asset_code, kind, pending_since, due_at, case_id)
              WHERE c.asset_code = u.asset_code AND c.kind = u.kind
              """)) {
        update.setArray(
            1, texts(connection, changed.keySet().stream().map(ConditionKey::assetCode)));
        update.setArray(2, texts(connection, changed.keySet().stream().map(k -> k.kind().name())));
        update.setArray(
            3, texts(connection, changed.values().stream().map(Condition::pendingSince)));
        update.setArray(4, texts(connection, changed.values().stream().map(Condition::dueAt)));
        update.setArray(5, texts(connection, changed.values().stream().map(Condition::caseId)));
        update.executeUpdate();
      }
    }
    Map<ConditionKey, UUID> opened = batch.casesOpened();
    if (!opened.isEmpty()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              """
              UPDATE sensor_alarm a SET case_id = u.case_id::uuid
              FROM unnest(?::text[], ?::text[], ?::text[]) AS u (asset_code, kind, case_id)
              WHERE a.asset_code = u.asset_code AND a.kind = u.kind AND a.outcome = 'PENDING'
                AND a.case_id IS NULL
              """)) {
        update.setArray(
            1, texts(connection, opened.keySet().stream().map(ConditionKey::assetCode)));
        update.setArray(2, texts(connection, opened.keySet().stream().map(k -> k.kind().name())));
        update.setArray(3, texts(connection, opened.values().stream()));
        update.executeUpdate();
      }
    }
    List<AlarmBatch.Decision> decisions = batch.decisions();
    if (decisions.isEmpty()) {
      return null;
    }
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO sensor_alarm (alarm_id, asset_code, kind, state, value, observed_at,
              outcome, case_id)
            SELECT alarm_id, asset_code, kind, state, value, observed_at::timestamptz, outcome,
              case_id::uuid
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[],
              ?::text[], ?::text[])
              AS u (alarm_id, asset_code, kind, state, value, observed_at, outcome, case_id)
            ON CONFLICT DO NOTHING RETURNING alarm_id
            """)) {
      insert.setArray(1, texts(connection, decisions.stream().map(d -> d.alarm.alarmId())));
      insert.setArray(2, texts(connection, decisions.stream().map(d -> d.alarm.assetCode())));
      insert.setArray(3, texts(connection, decisions.stream().map(d -> d.alarm.kind())));
      insert.setArray(4, texts(connection, decisions.stream().map(d -> d.alarm.state())));
      insert.setArray(
          5,
          connection.createArrayOf(
              "float8", decisions.stream().map(d -> d.alarm.value()).toArray()));
      insert.setArray(6, texts(connection, decisions.stream().map(d -> d.observedAt)));
      insert.setArray(7, texts(connection, decisions.stream().map(AlarmBatch.Decision::outcome)));
      insert.setArray(8, texts(connection, decisions.stream().map(AlarmBatch.Decision::caseId)));
      try (ResultSet r = insert.executeQuery()) {
        while (r.next()) {
          inserted.add(r.getString(1));
        }
      }
    }
    for (AlarmBatch.Decision d : decisions) {
      if (!inserted.contains(d.alarm.alarmId())) {
        d.storedMeanwhile();
      }
    }
    return null;
  }

  private AlarmBatch.CaseOpener opener(Read read) {
    return (key, description) -> openCase(key, read.assets().get(key.assetCode()), description);
  }

  // A case someone already reported for the asset, while open, takes the condition (one problem,
  // one case); else a case is registered as any other, by the asset: its category, its place, its
  // owner.
  private Opened openCase(ConditionKey key, Asset asset, String description) {
    UUID reported = openCaseOfAsset(key.assetCode());
    if (reported != null) {
      return new Opened(reported, true);
    }
    UUID caseId = register(key.assetCode(), key.kind(), asset, description);
    // Registering runs queries that flush first: a batch opening hundreds of cases would
    // dirty-check all it registered before at each of them.
    entityManager.flush();
    entityManager.clear();
    return new Opened(caseId, false);
  }

  // Sensors' own cases stay one per asset and alarm kind. Plain JDBC: as a query with a list
  // parameter, Hibernate translated it again at every call, after flushing the session, and the
  // sweep opening a storm's cases spent two fifths of its CPU there.
  private UUID openCaseOfAsset(String assetCode) {
    return work(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id FROM case_record WHERE asset_code = ? AND channel <> ? AND status ="
                      + " ANY (?::text[]) ORDER BY reported_at DESC LIMIT 1")) {
            select.setString(1, assetCode);
            select.setString(2, Channel.SENSOR.name());
            select.setArray(3, texts(connection, CaseStatus.openOnes().stream()));
            try (ResultSet r = select.executeQuery()) {
              return r.next() ? r.getObject(1, UUID.class) : null;
            }
          }
        });
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

  // The batch's assets of the register, by code.
  private static Map<String, Asset> assets(Connection connection, Stream<String> codes)
      throws SQLException {
    Map<String, Asset> assets = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT code, category_code, latitude, longitude FROM asset WHERE code = ANY (?)")) {
      select.setArray(1, texts(connection, codes.distinct()));
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          assets.put(r.getString(1), new Asset(r.getString(2), r.getDouble(3), r.getDouble(4)));
        }
      }
    }
    return assets;
  }

  // Plain JDBC on the transaction's connection: no flush of the persistence context before it.
  private <T> T work(ReturningWork<T> work) {
    return entityManager.unwrap(Session.class).doReturningWork(work);
  }

  // Values as text, cast in the statement: null stays null.
  private static Array texts(Connection connection, Stream<?> values) throws SQLException {
    return connection.createArrayOf(
        "text", values.map(v -> v == null ? null : v.toString()).toArray());
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
