package io.casegrid.stack.faults;

import io.casegrid.embedded.KafkaLogin;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.Topics;
import io.casegrid.stack.LocalStack;
import io.casegrid.stack.faults.Lifecycles.Pace;
import io.casegrid.stack.faults.Lifecycles.Report;
import io.casegrid.stack.faults.Lifecycles.Step;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Judges a run from every service's own data and the events on the bus, once the system is quiet:
 * each report's case exists once in every service and is closed everywhere; every event was applied
 * by every service that consumes it, and its effects are there once; every warning and overdue that
 * fell due while its case was open fired once, with one supervision order; every projection agrees
 * with the events; every command the system answered with a 2xx is in effect.
 */
final class Verdict {

  /** Seconds either side of a deadline within which either outcome is right. */
  private static final Duration MARGIN = Duration.ofSeconds(15);

  /** A problem found, and the report it concerns (or -1 for the whole system). */
  record Finding(String kind, int report, String what) {}

  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Set<Integer> lost = new HashSet<>();
  private final Set<Integer> duplicated = new HashSet<>();
  private final Set<Integer> wrong = new HashSet<>();

  private Verdict() {}

  /**
   * One event as seen on its topic; {@code carriesOrder}: a breach carrying the supervision order
   * it caused (older breaches were followed by their order as an event of its own).
   */
  private record Seen(UUID id, String type, String source, Instant time, boolean carriesOrder) {}

  /**
   * A case's resolution: when dispatch resolved it (its event's time), and when supervision's
   * applying it committed.
   */
  private record Resolution(Instant happened, Instant applied) {}

  static Verdict of(LocalStack system, List<Report> reports) throws SQLException {
    Verdict verdict = new Verdict();
    verdict.judge(system, reports);
    return verdict;
  }

  private void judge(LocalStack system, List<Report> reports) throws SQLException {
    Map<String, Map<UUID, List<Seen>>> bus = readTopics(system.kafka().adminLogin());
    Map<UUID, Map<String, Set<UUID>>> events = new HashMap<>();
    bus.values()
        .forEach(
            byCase ->
                byCase.forEach(
                    (caseId, seen) ->
                        seen.forEach(
                            s -> {
                              Map<String, Set<UUID>> on =
                                  events.computeIfAbsent(caseId, k -> new HashMap<>());
                              on.computeIfAbsent(s.type(), k -> new HashSet<>()).add(s.id());
                              // An order is announced on its own or on its breach, once either way.
                              if (s.carriesOrder()) {
                                on.computeIfAbsent(
                                        EventType.SUPERVISION_ORDER_ISSUED.type(),
                                        k -> new HashSet<>())
                                    .add(s.id());
                              }
                            })));
    try (Connection intake = system.postgres().connect("intake");
        Connection dispatch = system.postgres().connect("dispatch");
        Connection supervision = system.postgres().connect("supervision")) {
      Map<String, List<List<Object>>> intakeByDescription =
          group(
              rows(
                  intake,
                  "SELECT description, id, status, resolve_due_at FROM case_record"
                      + " WHERE description LIKE '故障试验 %'"),
              r -> (String) r.get(0));
      Map<UUID, List<Object>> dispatchCases =
          byId(
              rows(
                  dispatch,
                  "SELECT case_id, state, resolve_due_at, overdue_since, supervision_order_id"
                      + " FROM dispatch_case"));
      Map<UUID, Map<String, Long>> actions = new HashMap<>();
      for (List<Object> r :
          rows(dispatch, "SELECT case_id, action, count(*) FROM case_action GROUP BY 1, 2")) {
        actions
            .computeIfAbsent((UUID) r.get(0), k -> new HashMap<>())
            .put((String) r.get(1), (Long) r.get(2));
      }
      Map<UUID, List<Object>> deadlines =
          byId(
              rows(
                  supervision,
                  "SELECT case_id, status, warning_at, resolve_due_at, warned_at, breached_at,"
                      + " closed_at FROM case_deadline"));
      Map<UUID, List<List<Object>>> orders =
          group(
              rows(supervision, "SELECT case_id, id FROM supervision_order"), r -> (UUID) r.get(0));
      Map<UUID, Resolution> resolutions = resolutions(supervision, bus.get(Topics.DISPATCH_CASES));
      Map<UUID, Instant> scheduled = firstDeadlines(bus.get(Topics.SUPERVISION_CASES));

      for (Report report : reports) {
        judge(
            report,
            intakeByDescription.getOrDefault(report.description, List.of()),
            dispatchCases,
            actions,
            deadlines,
            orders,
            events,
            resolutions,
            scheduled);
      }
      eventsApplied(intake, "intake", bus.get(Topics.DISPATCH_CASES), t -> true);
      eventsApplied(
          intake,
          "intake",
          bus.get(Topics.SUPERVISION_CASES),
          EventType.DEADLINE_SET.type()::equals);
      eventsApplied(dispatch, "dispatch", bus.get(Topics.INTAKE_CASES), t -> true);
      eventsApplied(
          dispatch,
          "dispatch",
          bus.get(Topics.SUPERVISION_CASES),
          Set.of(
                  EventType.DEADLINE_SET.type(),
                  EventType.DEADLINE_BREACHED.type(),
                  EventType.SUPERVISION_ORDER_ISSUED.type())
              ::contains);
      eventsApplied(supervision, "supervision", bus.get(Topics.INTAKE_CASES), t -> true);
      eventsApplied(supervision, "supervision", bus.get(Topics.DISPATCH_CASES), t -> true);
      metricsAgreeWithTheEvents(supervision, events);
      nothingLeftBehind(intake, dispatch, supervision);
    }
  }

  private void judge(
      Report report,
      List<List<Object>> inIntake,
      Map<UUID, List<Object>> dispatchCases,
      Map<UUID, Map<String, Long>> actions,
      Map<UUID, List<Object>> deadlines,
      Map<UUID, List<List<Object>>> orders,
      Map<UUID, Map<String, Set<UUID>>> events,
      Map<UUID, Resolution> resolutions,
      Map<UUID, Instant> scheduled) {
    int n = report.number;
    if (inIntake.size() > 1) {
      duplicated(n, inIntake.size() + " cases in intake for one report");
    }
    if (report.caseId == null) {
      // Never answered: it may or may not exist, but at most once.
      count("reports never answered 2xx");
      return;
    }
    UUID id = report.caseId;
    if (inIntake.stream().noneMatch(r -> id.equals(r.get(1)))) {
      lost(n, "answered 201 as " + id + " but not in intake");
      return;
    }
    List<Object> queued = dispatchCases.get(id);
    List<Object> deadline = deadlines.get(id);
    if (queued == null) {
      lost(n, "not in dispatch");
    }
    if (deadline == null) {
      lost(n, "not in supervision");
    }
    if (queued == null || deadline == null) {
      return;
    }
    Map<String, Set<UUID>> on = events.getOrDefault(id, Map.of());
    for (EventType once :
        List.of(
            EventType.CASE_REPORTED,
            EventType.CASE_DISPATCHED,
            EventType.CASE_SIGNED,
            EventType.CASE_RESOLVED,
            EventType.CASE_CLOSED)) {
      int times = on.getOrDefault(once.type(), Set.of()).size();
      if (times > 1) {
        duplicated(n, times + " distinct " + once.type() + " events");
      } else if (times == 0 && report.closed()) {
        wrong(n, "no " + once.type() + " event");
      }
    }
    Map<String, Long> done = actions.getOrDefault(id, Map.of());
    for (var action : done.entrySet()) {
      if (action.getValue() > 1) {
        duplicated(n, action.getKey() + " " + action.getValue() + " times in dispatch's timeline");
      }
    }
    for (var step :
        Map.of(Step.SIGN, "SIGN", Step.RESOLVE, "RESOLVE", Step.VERIFY, "PASS_VERIFICATION")
            .entrySet()) {
      if (report.answered.containsKey(step.getKey()) && !done.containsKey(step.getValue())) {
        lost(n, step.getKey() + " answered 200 but not in dispatch's timeline");
      }
    }
    if (!report.closed()) {
      count("lifecycles not finished by the client");
      return;
    }
    count("lifecycles closed");
    String intakeStatus = (String) inIntake.get(0).get(2);
    if (!"CLOSED".equals(queued.get(1))
        || !"CLOSED".equals(intakeStatus)
        || deadline.get(6) == null) {
      wrong(
          n,
          "closed per the client, but dispatch "
              + queued.get(1)
              + ", intake "
              + intakeStatus
              + ", supervision closed at "
              + deadline.get(6));
    }
    timers(
        report,
        deadline,
        orders.getOrDefault(id, List.of()),
        on,
        queued,
        resolutions.get(id),
        scheduled.get(id));
    Object due = deadline.get(3);
    if (due != null && (!due.equals(queued.get(2)) || !due.equals(inIntake.get(0).get(3)))) {
      wrong(
          n,
          "resolve deadline: supervision "
              + due
              + ", dispatch "
              + queued.get(2)
              + ", intake "
              + inIntake.get(0).get(3));
    }
  }

  // A timer fell due if its time passed while supervision knew the case dispatched (it set the
  // timers then, announcing the deadline) and not yet resolved.
  private void timers(
      Report report,
      List<Object> deadline,
      List<List<Object>> orders,
      Map<String, Set<UUID>> on,
      List<Object> queued,
      Resolution resolved,
      Instant scheduled) {
    int n = report.number;
    int warnings = on.getOrDefault(EventType.DEADLINE_WARNING.type(), Set.of()).size();
    int breaches = on.getOrDefault(EventType.DEADLINE_BREACHED.type(), Set.of()).size();
    int issued = on.getOrDefault(EventType.SUPERVISION_ORDER_ISSUED.type(), Set.of()).size();
    Instant warningAt = instant(deadline.get(2));
    Instant dueAt = instant(deadline.get(3));
    Boolean warnDue = fellDue(warningAt, scheduled, resolved);
    Boolean overdue = fellDue(dueAt, scheduled, resolved);
    if (warnings > 1) {
      duplicated(n, warnings + " warnings");
    }
    if (breaches > 1 || issued > 1 || orders.size() > 1) {
      duplicated(
          n,
          breaches
              + " overdue events, "
              + issued
              + " orders announced, "
              + orders.size()
              + " stored");
    }
    if (Boolean.TRUE.equals(warnDue) && (warnings != 1 || deadline.get(4) == null)) {
      wrong(n, "warning due at " + warningAt + " while open, but fired " + warnings + " times");
    }
    if (Boolean.FALSE.equals(warnDue) && warnings != 0) {
      wrong(n, "warned though resolved before " + warningAt);
    }
    if (Boolean.TRUE.equals(overdue)
        && (breaches != 1 || issued != 1 || orders.size() != 1 || deadline.get(5) == null)) {
      wrong(
          n,
          "overdue at "
              + dueAt
              + " while open, but "
              + breaches
              + " overdue events, "
              + orders.size()
              + " orders");
    }
    if (Boolean.FALSE.equals(overdue) && (breaches != 0 || !orders.isEmpty())) {
      wrong(n, "overdue though resolved before " + dueAt);
    }
    // Dispatch's queue shows what supervision decided.
    boolean breachedHere = deadline.get(5) != null;
    if (breachedHere != (queued.get(3) != null)
        || (orders.size() == 1 && !orders.get(0).get(1).equals(queued.get(4)))) {
      wrong(n, "dispatch's queue disagrees with supervision on the case's overdue and order");
    }
    if (warnDue == null || overdue == null) {
      count(
          "cases with a timer within "
              + MARGIN.toSeconds()
              + " s of the resolution's arrival (either outcome right)");
    }
    if (scheduled != null && warningAt != null && scheduled.isAfter(warningAt)) {
      count("cases whose deadline supervision set after their warning time (it lagged)");
    }
    if (Boolean.TRUE.equals(warnDue)) {
      count("warnings due while open");
    }
    if (Boolean.TRUE.equals(overdue)) {
      count("overdue while open, each with its supervision order");
    }
    if (report.pace == Pace.OVERDUE) {
      count("reports worked after their deadline");
    }
  }

  // True: it was due, and set, for a while before the case was resolved, so it must have fired;
  // false: supervision had recorded the resolution well before it was due, so it must not have;
  // null: either is right. That is so when the timer was too close to the resolution, and when a
  // case resolved before its timer was due reached supervision only after (a lagging consumer, or
  // a batch applied again): supervision cannot know of a resolution before it arrives, and a case
  // already resolved needs no warning.
  private static Boolean fellDue(Instant at, Instant scheduled, Resolution resolved) {
    if (at == null || scheduled == null) {
      return null;
    }
    Instant dueAndSet = at.isAfter(scheduled) ? at : scheduled;
    if (resolved == null || resolved.happened().isAfter(dueAndSet.plus(MARGIN))) {
      return true;
    }
    return resolved.applied() != null && resolved.applied().isBefore(at.minus(MARGIN))
        ? false
        : null;
  }

  // When supervision first set each case's deadline, and with it its timers.
  private static Map<UUID, Instant> firstDeadlines(Map<UUID, List<Seen>> supervisionTopic) {
    Map<UUID, Instant> first = new HashMap<>();
    supervisionTopic.forEach(
        (caseId, seen) ->
            seen.stream()
                .filter(s -> s.type().equals(EventType.DEADLINE_SET.type()))
                .map(Seen::time)
                .min(Instant::compareTo)
                .ifPresent(t -> first.put(caseId, t)));
    return first;
  }

  // When dispatch first resolved each case, and when supervision's applying it committed: the
  // case's timers stopped then. Not the row's processed_at, the start of a transaction that may
  // have lasted long while a timer fired.
  private static Map<UUID, Resolution> resolutions(
      Connection supervision, Map<UUID, List<Seen>> dispatchTopic) throws SQLException {
    Map<UUID, UUID> caseOfEvent = new HashMap<>();
    Map<UUID, Instant> happened = new HashMap<>();
    dispatchTopic.forEach(
        (caseId, seen) ->
            seen.stream()
                .filter(s -> s.type().equals(EventType.CASE_RESOLVED.type()))
                .forEach(
                    s -> {
                      caseOfEvent.put(s.id(), caseId);
                      happened.merge(caseId, s.time(), (a, b) -> a.isBefore(b) ? a : b);
                    }));
    Map<UUID, Instant> applied = new HashMap<>();
    for (List<Object> r :
        rows(
            supervision,
            "SELECT event_id, COALESCE(pg_xact_commit_timestamp(xmin), processed_at)"
                + " FROM processed_event WHERE consumer = 'supervision'")) {
      UUID caseId = caseOfEvent.get((UUID) r.get(0));
      if (caseId != null) {
        applied.merge(caseId, instant(r.get(1)), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Map<UUID, Resolution> resolutions = new HashMap<>();
    happened.forEach(
        (caseId, at) -> resolutions.put(caseId, new Resolution(at, applied.get(caseId))));
    return resolutions;
  }

  private void eventsApplied(
      Connection db,
      String consumer,
      Map<UUID, List<Seen>> topic,
      java.util.function.Predicate<String> wanted)
      throws SQLException {
    Set<UUID> processed = new HashSet<>();
    for (List<Object> r :
        rows(db, "SELECT event_id FROM processed_event WHERE consumer = '" + consumer + "'")) {
      processed.add((UUID) r.get(0));
    }
    Set<UUID> expected =
        topic.values().stream()
            .flatMap(List::stream)
            .filter(s -> wanted.test(s.type()))
            .map(Seen::id)
            .collect(Collectors.toSet());
    long missing = expected.stream().filter(e -> !processed.contains(e)).count();
    counts.merge("events applied by " + consumer, (long) expected.size(), Long::sum);
    if (missing > 0) {
      system("events", missing + " events never applied by " + consumer);
    }
  }

  private void metricsAgreeWithTheEvents(
      Connection supervision, Map<UUID, Map<String, Set<UUID>>> events) throws SQLException {
    Map<String, String> counters =
        Map.of(
            "received", EventType.CASE_REPORTED.type(),
            "signed", EventType.CASE_SIGNED.type(),
            "closed", EventType.CASE_CLOSED.type());
    for (var counter : counters.entrySet()) {
      long daily =
          single(
              supervision, "SELECT coalesce(sum(" + counter.getKey() + "), 0) FROM metric_daily");
      long monthly =
          single(
              supervision, "SELECT coalesce(sum(" + counter.getKey() + "), 0) FROM metric_monthly");
      long announced =
          events.values().stream()
              .mapToLong(byType -> byType.getOrDefault(counter.getValue(), Set.of()).size())
              .sum();
      if (daily != announced || monthly != announced) {
        system(
            "metrics",
            counter.getKey()
                + ": "
                + announced
                + " events, but "
                + daily
                + " counted by day and "
                + monthly
                + " by month");
      }
      counts.put("metric " + counter.getKey(), daily);
    }
  }

  private void nothingLeftBehind(Connection intake, Connection dispatch, Connection supervision)
      throws SQLException {
    for (var db :
        Map.of("intake", intake, "dispatch", dispatch, "supervision", supervision).entrySet()) {
      long outbox = single(db.getValue(), "SELECT count(*) FROM outbox_event");
      long deadLetters = single(db.getValue(), "SELECT count(*) FROM dead_letter");
      if (outbox > 0) {
        system("outbox", db.getKey() + " still holds " + outbox + " unsent events");
      }
      if (deadLetters > 0) {
        system("dead letters", db.getKey() + " set aside " + deadLetters + " records");
      }
    }
    long late =
        single(
            supervision,
            "SELECT count(*) FROM deadline_timer WHERE fire_at < now() - interval '30 seconds'");
    if (late > 0) {
      system("timers", late + " timers past due and not fired");
    }
  }

  private static boolean carriesOrder(EventCodec codec, CloudEvent e) {
    return EventType.DEADLINE_BREACHED.type().equals(e.type())
        && codec.payload(e, DeadlineBreached.class).order() != null;
  }

  private static Map<String, Map<UUID, List<Seen>>> readTopics(KafkaLogin admin) {
    Properties props = admin.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    EventCodec codec = new EventCodec();
    Map<String, Map<UUID, List<Seen>>> topics = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      for (String topic :
          List.of(Topics.INTAKE_CASES, Topics.DISPATCH_CASES, Topics.SUPERVISION_CASES)) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<UUID, List<Seen>> byCase = new HashMap<>();
        Map<UUID, Boolean> ids = new HashMap<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
            CloudEvent e = codec.read(r.value());
            // The relay may send an event twice; it is one event.
            if (ids.put(e.id(), Boolean.TRUE) == null) {
              byCase
                  .computeIfAbsent(e.caseId(), k -> new ArrayList<>())
                  .add(new Seen(e.id(), e.type(), e.source(), e.time(), carriesOrder(codec, e)));
            }
          }
        }
        topics.put(topic, byCase);
      }
    }
    return topics;
  }

  private static List<List<Object>> rows(Connection db, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int c = 1; c <= columns; c++) {
          row.add(rs.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static long single(Connection db, String sql) throws SQLException {
    return ((Number) rows(db, sql).get(0).get(0)).longValue();
  }

  private static <K> Map<K, List<List<Object>>> group(
      List<List<Object>> rows, Function<List<Object>, K> key) {
    return rows.stream().collect(Collectors.groupingBy(key));
  }

  private static Map<UUID, List<Object>> byId(List<List<Object>> rows) {
    Map<UUID, List<Object>> byId = new HashMap<>();
    rows.forEach(r -> byId.put((UUID) r.get(0), r));
    return byId;
  }

  private static Instant instant(Object timestamp) {
    if (timestamp == null) {
      return null;
    }
    if (timestamp instanceof Timestamp t) {
      return t.toInstant();
    }
    if (timestamp instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    throw new IllegalArgumentException("not a time: " + timestamp);
  }

  private void lost(int report, String what) {
    lost.add(report);
    findings.add(new Finding("lost", report, what));
  }

  private void duplicated(int report, String what) {
    duplicated.add(report);
    findings.add(new Finding("duplicated", report, what));
  }

  private void wrong(int report, String what) {
    wrong.add(report);
    findings.add(new Finding("wrong", report, what));
  }

  private void system(String kind, String what) {
    findings.add(new Finding(kind, -1, what));
  }

  private void count(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  int lost() {
    return lost.size();
  }

  int duplicated() {
    return duplicated.size();
  }

  /** Reports whose case is wrong somewhere, plus one for each finding about the whole system. */
  int wrong() {
    return wrong.size() + (int) findings.stream().filter(f -> f.report() < 0).count();
  }

  List<Finding> findings() {
    return findings;
  }

  Map<String, Long> counts() {
    return counts;
  }
}
