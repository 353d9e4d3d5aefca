package io.casegrid.supervision.bulletin;

import io.casegrid.kit.bulletin.Document;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.supervision.accountability.AccountabilityStep;
import io.casegrid.supervision.metrics.Dashboard;
import io.casegrid.supervision.metrics.MetricsQueries;
import io.casegrid.supervision.metrics.MetricsQueries.Grouping;
import io.casegrid.supervision.metrics.ReportingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes the weekly summary and the monthly bulletin (每周督导汇总、每月分析通报): the period's overall numbers,
 * the best and the worst departments and districts on the composite score, the cases that went
 * overdue in the period, and the steps of the escalation ladder taken in it.
 */
@ApplicationScoped
public class Bulletins {

  /** Which bulletin. */
  public enum Kind {
    WEEKLY(Label.WEEKLY),
    MONTHLY(Label.MONTHLY);

    private final Label title;

    Kind(Label title) {
      this.title = title;
    }
  }

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final String NO_DATA = "—";

  private final Dashboard dashboard;
  private final DataSource dataSource;
  private final BulletinConfig config;
  private final ZoneId zone;

  Bulletins(Dashboard dashboard, DataSource dataSource, BulletinConfig config, CityConfig city) {
    this.dashboard = dashboard;
    this.dataSource = dataSource;
    this.config = config;
    this.zone = city.zone();
  }

  /**
   * The bulletin of {@code days} (named {@code name}, e.g. 2026-W47), in {@code language}; {@code
   * otherLanguageHref} links to it in the other language.
   */
  public Document of(
      Kind kind,
      String name,
      ReportingPeriod days,
      Language language,
      String otherLanguageHref,
      Instant now) {
    Words w = new Words(language);
    Instant start = days.from().atStartOfDay(zone).toInstant();
    Instant end = days.to().plusDays(1).atStartOfDay(zone).toInstant();
    List<Document.Section> sections = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      ReferenceNames names = ReferenceNames.read(connection, language);
      sections.add(
          overview(
              w,
              dashboard.total(
                  dashboard.groups(
                      Grouping.DEPARTMENT,
                      days.from(),
                      days.to(),
                      MetricsQueries.Scope.ALL,
                      now))));
      List<Dashboard.Placed> departments =
          scored(dashboard.ranked(Grouping.DEPARTMENT, days.from(), days.to(), now));
      List<Dashboard.Placed> districts =
          scored(dashboard.ranked(Grouping.DISTRICT, days.from(), days.to(), now));
      int best = best(departments.size());
      sections.add(
          named(
              w,
              Label.BEST_DEPARTMENTS,
              Label.DEPARTMENT,
              departments.subList(0, best),
              names.departments()));
      sections.add(
          named(
              w,
              Label.WORST_DEPARTMENTS,
              Label.DEPARTMENT,
              worst(departments, best),
              names.departments()));
      best = best(districts.size());
      sections.add(
          named(
              w,
              Label.BEST_DISTRICTS,
              Label.DISTRICT,
              districts.subList(0, best),
              names.districts()));
      sections.add(
          named(
              w, Label.WORST_DISTRICTS, Label.DISTRICT, worst(districts, best), names.districts()));
      sections.add(overdue(w, connection, start, end, now, names));
      sections.add(steps(w, connection, start, end, names));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the bulletin's data", e);
    }
    return new Document(
        language.tag(),
        w.of(kind.title) + " " + name,
        List.of(
            w.of(Label.PERIOD) + ": " + days.from() + " – " + days.to(),
            w.of(Label.ZONE) + ": " + zone.getId(),
            w.of(Label.GENERATED) + ": " + MINUTES.format(now.atZone(zone))),
        w.of(Label.OTHER_LANGUAGE),
        otherLanguageHref,
        sections);
  }

  // Named as best: up to the configured number, at most half of those with a score (the rest can
  // only be named as worst), so that no one is named both.
  private int best(int scored) {
    return Math.min(config.named(), (scored + 1) / 2);
  }

  private List<Dashboard.Placed> worst(List<Dashboard.Placed> ranked, int best) {
    List<Dashboard.Placed> worst =
        new ArrayList<>(
            ranked.subList(Math.max(best, ranked.size() - config.named()), ranked.size()));
    Collections.reverse(worst);
    return worst;
  }

  private static List<Dashboard.Placed> scored(List<Dashboard.Placed> ranked) {
    return ranked.stream().filter(p -> p.rank() != null).toList();
  }

  private static Document.Section overview(Words w, Dashboard.Group total) {
    List<List<String>> rows = new ArrayList<>();
    var c = total.counts();
    var r = total.rates();
    rows.add(List.of(w.of(Label.RECEIVED), Long.toString(c.received())));
    rows.add(List.of(w.of(Label.DISPATCHED), Long.toString(c.dispatched())));
    rows.add(List.of(w.of(Label.DUE), Long.toString(c.due())));
    rows.add(List.of(w.of(Label.CLOSED), Long.toString(c.closed())));
    rows.add(List.of(w.of(Label.CLOSURE), percent(r.closure())));
    rows.add(List.of(w.of(Label.ON_TIME), percent(r.onTimeClosure())));
    rows.add(List.of(w.of(Label.SIGN_ON_TIME), percent(r.signOnTime())));
    rows.add(List.of(w.of(Label.REWORK), percent(r.rework())));
    rows.add(List.of(w.of(Label.RETURNS), percent(r.returns())));
    rows.add(List.of(w.of(Label.EXTENSION), percent(r.extension())));
    rows.add(List.of(w.of(Label.ACCURATE_DISPATCH), percent(r.accurateDispatch())));
    rows.add(List.of(w.of(Label.FIRST_CONTACT), percent(r.firstContactResolution())));
    rows.add(List.of(w.of(Label.RESPONSE), percent(r.response())));
    rows.add(List.of(w.of(Label.RESOLUTION), percent(r.resolution())));
    rows.add(List.of(w.of(Label.SATISFACTION), percent(r.satisfaction())));
    rows.add(List.of(w.of(Label.OVERDUE_NOW), Long.toString(total.overdueNow())));
    rows.add(List.of(w.of(Label.SIGN_P50), hours(total.timeToSign().p50Seconds())));
    rows.add(List.of(w.of(Label.SIGN_P90), hours(total.timeToSign().p90Seconds())));
    rows.add(List.of(w.of(Label.CLOSE_P50), hours(total.timeToClose().p50Seconds())));
    rows.add(List.of(w.of(Label.CLOSE_P90), hours(total.timeToClose().p90Seconds())));
    return new Document.Section(
        w.of(Label.OVERVIEW), List.of(w.of(Label.METRIC), w.of(Label.VALUE)), rows, null);
  }

  private static Document.Section named(
      Words w, Label heading, Label who, List<Dashboard.Placed> placed, Map<String, String> names) {
    List<List<String>> rows = new ArrayList<>();
    for (Dashboard.Placed p : placed) {
      Dashboard.Group g = p.group();
      rows.add(
          List.of(
              Integer.toString(p.rank()),
              names.getOrDefault(g.key(), g.key()),
              g.score().value().toPlainString(),
              percent(g.rates().closure()),
              percent(g.rates().onTimeClosure()),
              percent(g.rates().satisfaction()),
              hours(g.timeToClose().p50Seconds()),
              Long.toString(g.counts().due())));
    }
    return new Document.Section(
        w.of(heading),
        List.of(
            w.of(Label.RANK),
            w.of(who),
            w.of(Label.SCORE),
            w.of(Label.CLOSURE),
            w.of(Label.ON_TIME),
            w.of(Label.SATISFACTION),
            w.of(Label.CLOSE_P50),
            w.of(Label.DUE)),
        rows,
        rows.isEmpty() ? w.of(Label.NONE) : null);
  }

  // The cases due in the period that were not closed by their deadline (超期), as the closure
  // rates count them: the late ones among those due. A case parked now is left out: its clock
  // stopped, and its deadline moves when it resumes.
  private Document.Section overdue(
      Words w, Connection connection, Instant start, Instant end, Instant now, ReferenceNames names)
      throws SQLException {
    String late =
        " FROM case_deadline WHERE resolve_due_at >= ? AND resolve_due_at < ? AND (closed_at IS"
            + " NULL OR closed_at > resolve_due_at) AND status <> 'PARKED'";
    Instant until = end.isBefore(now) ? end : now;
    long count;
    try (PreparedStatement q = connection.prepareStatement("SELECT count(*)" + late)) {
      q.setTimestamp(1, Timestamp.from(start));
      q.setTimestamp(2, Timestamp.from(until));
      try (ResultSet r = q.executeQuery()) {
        r.next();
        count = r.getLong(1);
      }
    }
    List<List<String>> rows = new ArrayList<>();
    try (PreparedStatement q =
        connection.prepareStatement(
            "SELECT case_number, department_code, district_code, category_code, resolve_due_at,"
                + " resolved_at, closed_at"
                + late
                + " ORDER BY resolve_due_at, case_number LIMIT ?")) {
      q.setTimestamp(1, Timestamp.from(start));
      q.setTimestamp(2, Timestamp.from(until));
      q.setInt(3, config.maxOverdue());
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          Instant due = r.getTimestamp(5).toInstant();
          boolean resolved = r.getTimestamp(6) != null;
          Instant closed = instant(r.getTimestamp(7));
          rows.add(
              List.of(
                  r.getString(1),
                  name(names.departments(), r.getString(2)),
                  name(names.districts(), r.getString(3)),
                  name(names.categories(), r.getString(4)),
                  MINUTES.format(due.atZone(zone)),
                  w.of(
                      closed != null
                          ? Label.CLOSED_STATUS
                          : resolved ? Label.REPORTED_FIXED : Label.OPEN),
                  hours(Duration.between(due, closed != null ? closed : now).getSeconds())));
        }
      }
    }
    String note =
        count == 0
            ? w.of(Label.NONE)
            : count > rows.size() ? w.of(Label.MORE).formatted(count - rows.size()) : null;
    return new Document.Section(
        w.of(Label.OVERDUE),
        List.of(
            w.of(Label.CASE_NUMBER),
            w.of(Label.DEPARTMENT),
            w.of(Label.DISTRICT),
            w.of(Label.CATEGORY),
            w.of(Label.DEADLINE),
            w.of(Label.STATUS),
            w.of(Label.HOURS_OVERDUE)),
        rows,
        note);
  }

  // The steps of the escalation ladder taken in the period.
  private Document.Section steps(
      Words w, Connection connection, Instant start, Instant end, ReferenceNames names)
      throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (PreparedStatement q =
        connection.prepareStatement(
            "SELECT taken_at, department_code, step, overdue_cases, period_start FROM"
                + " accountability_record WHERE taken_at >= ? AND taken_at < ? ORDER BY taken_at,"
                + " department_code, "
                + AccountabilityStep.weightIn("step"))) {
      q.setTimestamp(1, Timestamp.from(start));
      q.setTimestamp(2, Timestamp.from(end));
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          rows.add(
              List.of(
                  MINUTES.format(r.getTimestamp(1).toInstant().atZone(zone)),
                  name(names.departments(), r.getString(2)),
                  w.of(Label.valueOf(AccountabilityStep.valueOf(r.getString(3)).name())),
                  Integer.toString(r.getInt(4)),
                  r.getDate(5).toLocalDate().toString()));
        }
      }
    }
    return new Document.Section(
        w.of(Label.STEPS),
        List.of(
            w.of(Label.TAKEN_AT),
            w.of(Label.DEPARTMENT),
            w.of(Label.STEP),
            w.of(Label.OVERDUE_CASES),
            w.of(Label.LADDER_PERIOD)),
        rows,
        rows.isEmpty() ? w.of(Label.NONE) : null);
  }

  private static String name(Map<String, String> names, String code) {
    return code == null ? NO_DATA : names.getOrDefault(code, code);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static String percent(BigDecimal rate) {
    return rate == null
        ? NO_DATA
        : rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  private static String hours(Long seconds) {
    return seconds == null
        ? NO_DATA
        : BigDecimal.valueOf(seconds)
            .divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP)
            .toPlainString();
  }

  /** The labels in one language. */
  private record Words(Language language) {
    String of(Label label) {
      return label.in(language);
    }
  }
}
