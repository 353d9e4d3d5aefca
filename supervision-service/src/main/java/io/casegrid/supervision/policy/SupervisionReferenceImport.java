package io.casegrid.supervision.policy;

import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.reference.ReferenceVersion;
import io.casegrid.supervision.accountability.EscalationLadder;
import io.casegrid.supervision.deadline.WorkingCalendar;
import io.casegrid.supervision.deadline.WorkingPeriod;
import io.casegrid.supervision.hotspots.Polygons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Loads the working calendar and the deadline policies: all of it, or nothing. */
@ApplicationScoped
public class SupervisionReferenceImport {

  /** How much was loaded. */
  public record Result(
      int workingPeriods,
      int calendarDays,
      int deadlinePolicies,
      int areas,
      int departments,
      int categories,
      long version) {}

  private final EntityManager entityManager;
  private final SupervisionRules rules;
  private final ReferenceVersion version;

  SupervisionReferenceImport(
      EntityManager entityManager, SupervisionRules rules, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.rules = rules;
    this.version = version;
  }

  @Transactional
  public Result load(SupervisionReferenceData data) {
    return load(data, false);
  }

  /**
   * Loads the data; with {@code replace} (a city package's part) the policies, the calendar's days,
   * the ladder and the map's areas are replaced, so that what the data does not hold is retired.
   * Names of departments and categories are kept for the bulletins of earlier months.
   */
  @Transactional
  public Result load(SupervisionReferenceData data, boolean replace) {
    SupervisionReferenceData.Calendar calendar = data.calendar();
    List<WorkingPeriod> periods =
        calendar == null
            ? List.of()
            : calendar.workingPeriods().stream().map(this::period).toList();
    if (!periods.isEmpty()) {
      checkPeriods(periods, calendar);
    }
    if (data.escalationLadder() != null) {
      checkLadder(data.escalationLadder());
    }
    List<String> outlines = outlines(data.areas());
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              if (replace) {
                try (var s = connection.createStatement()) {
                  s.execute("DELETE FROM deadline_policy");
                  s.execute("DELETE FROM calendar_day");
                  s.execute("DELETE FROM escalation_rung");
                }
                try (PreparedStatement ps =
                    connection.prepareStatement("DELETE FROM area WHERE NOT (code = ANY (?))")) {
                  ps.setArray(
                      1,
                      connection.createArrayOf(
                          "text",
                          data.areas().stream()
                              .map(SupervisionReferenceData.Area::code)
                              .toArray()));
                  ps.executeUpdate();
                }
              }
              if (!periods.isEmpty()) {
                connection.createStatement().execute("DELETE FROM working_period");
                try (PreparedStatement ps =
                    connection.prepareStatement(
                        "INSERT INTO working_period (starts, ends) VALUES (?, ?)")) {
                  for (WorkingPeriod p : periods) {
                    ps.setTime(1, Time.valueOf(p.start()));
                    ps.setTime(2, Time.valueOf(p.end()));
                    ps.addBatch();
                  }
                  ps.executeBatch();
                }
              }
              if (calendar != null) {
                if (calendar.weekend() != null) {
                  try (PreparedStatement ps =
                      connection.prepareStatement(
                          "UPDATE calendar_setting SET weekend = ? WHERE id = 1")) {
                    ps.setString(
                        1,
                        calendar.weekend().stream()
                            .map(Enum::name)
                            .collect(Collectors.joining(",")));
                    ps.executeUpdate();
                  }
                }
                upsertDays(connection, calendar.holidays(), "HOLIDAY");
                upsertDays(connection, calendar.makeUpWorkdays(), "MAKE_UP_WORKDAY");
              }
              if (data.escalationLadder() != null) {
                SupervisionReferenceData.Escalation ladder = data.escalationLadder();
                connection.createStatement().execute("DELETE FROM escalation_rung");
                try (PreparedStatement ps =
                    connection.prepareStatement(
                        "INSERT INTO escalation_rung (overdue_cases, step) VALUES (?, ?)")) {
                  for (SupervisionReferenceData.Rung rung : ladder.rungs()) {
                    ps.setInt(1, rung.overdueCases());
                    ps.setString(2, rung.step().name());
                    ps.addBatch();
                  }
                  ps.executeBatch();
                }
                try (PreparedStatement ps =
                    connection.prepareStatement(
                        "UPDATE calendar_setting SET escalation_period = ? WHERE id = 1")) {
                  ps.setString(1, ladder.period().name());
                  ps.executeUpdate();
                }
              }
              if (data.supervisionOrderResponse() != null) {
                try (PreparedStatement ps =
                    connection.prepareStatement(
                        "UPDATE calendar_setting SET order_response_amount = ?,"
                            + " order_response_unit = ? WHERE id = 1")) {
                  ps.setBigDecimal(1, data.supervisionOrderResponse().amount());
                  ps.setString(2, data.supervisionOrderResponse().unit().name());
                  ps.executeUpdate();
                }
              }
              try (PreparedStatement ps =
                  connection.prepareStatement(
                      "INSERT INTO deadline_policy (category_code, urgency, sign_amount,"
                          + " sign_unit, make_safe_amount, make_safe_unit, resolve_amount,"
                          + " resolve_unit, warning_share) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON"
                          + " CONFLICT (COALESCE(category_code, '*'), urgency) DO UPDATE SET"
                          + " sign_amount = excluded.sign_amount, sign_unit = excluded.sign_unit,"
                          + " make_safe_amount = excluded.make_safe_amount, make_safe_unit ="
                          + " excluded.make_safe_unit, resolve_amount = excluded.resolve_amount,"
                          + " resolve_unit = excluded.resolve_unit, warning_share ="
                          + " excluded.warning_share")) {
                for (DeadlinePolicy p : data.deadlinePolicies()) {
                  ps.setString(1, p.categoryCode());
                  ps.setString(2, p.urgency().name());
                  ps.setBigDecimal(3, p.sign().amount());
                  ps.setString(4, p.sign().unit().name());
                  ps.setBigDecimal(5, p.makeSafe() == null ? null : p.makeSafe().amount());
                  ps.setString(6, p.makeSafe() == null ? null : p.makeSafe().unit().name());
                  ps.setBigDecimal(7, p.resolve().amount());
                  ps.setString(8, p.resolve().unit().name());
                  ps.setBigDecimal(9, p.warningShare());
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              upsertAreas(connection, data.areas(), outlines);
              upsertNames(connection, "DEPARTMENT", data.departments());
              upsertNames(connection, "CATEGORY", data.categories());
            });
    long loaded = version.bump();
    rules.invalidate();
    int days = calendar == null ? 0 : calendar.holidays().size() + calendar.makeUpWorkdays().size();
    return new Result(
        periods.size(),
        days,
        data.deadlinePolicies().size(),
        data.areas().size(),
        data.departments().size(),
        data.categories().size(),
        loaded);
  }

  private WorkingPeriod period(SupervisionReferenceData.Period p) {
    try {
      return new WorkingPeriod(p.start(), p.end());
    } catch (IllegalArgumentException e) {
      throw invalid("calendar.workingPeriods", e.getMessage());
    }
  }

  // The calendar class knows what a valid set of periods is; let it judge before anything is
  // stored.
  private static void checkPeriods(
      List<WorkingPeriod> periods, SupervisionReferenceData.Calendar calendar) {
    try {
      new WorkingCalendar(
          periods, calendar.weekend() == null ? Set.of() : calendar.weekend(), Set.of(), Set.of());
    } catch (IllegalArgumentException e) {
      throw invalid("calendar.workingPeriods", e.getMessage());
    }
  }

  // The ladder class knows what a sound ladder is; let it judge before anything is stored.
  private static void checkLadder(SupervisionReferenceData.Escalation ladder) {
    try {
      new EscalationLadder(
          ladder.rungs().stream()
              .map(r -> new EscalationLadder.Rung(r.overdueCases(), r.step()))
              .toList());
    } catch (IllegalArgumentException e) {
      throw invalid("escalationLadder.rungs", e.getMessage());
    }
  }

  // What bean validation cannot see: the code's length against the level, the parent, the outline.
  // Answers each area's outline as stored.
  private static List<String> outlines(List<SupervisionReferenceData.Area> areas) {
    List<DomainException.Violation> errors = new ArrayList<>();
    List<String> outlines = new ArrayList<>();
    for (int i = 0; i < areas.size(); i++) {
      SupervisionReferenceData.Area a = areas.get(i);
      int digits = 6 + 3 * a.level().ordinal();
      if (a.code().length() != digits) {
        errors.add(
            new DomainException.Violation(
                "areas[" + i + "].code", "a " + a.level() + " code has " + digits + " digits"));
      }
      if (a.level() != SupervisionReferenceData.AreaLevel.DISTRICT
          && (a.parentCode() == null || !a.code().startsWith(a.parentCode()))) {
        errors.add(
            new DomainException.Violation(
                "areas[" + i + "].parentCode", "must prefix the area's code"));
      }
      try {
        outlines.add(Polygons.canonical(a.geometry()));
      } catch (IllegalArgumentException e) {
        errors.add(new DomainException.Violation("areas[" + i + "].geometry", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Refusal.MALFORMED,
          "invalid-reference-data",
          "the reference data has " + errors.size() + " invalid fields; nothing was loaded",
          errors.subList(0, Math.min(errors.size(), 100)));
    }
    return outlines;
  }

  private static void upsertAreas(
      java.sql.Connection connection,
      List<SupervisionReferenceData.Area> areas,
      List<String> outlines)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO area (code, level, name, name_en, parent_code, geometry) VALUES (?, ?, ?,"
                + " ?, ?, ?) ON CONFLICT (code) DO UPDATE SET level = excluded.level, name ="
                + " excluded.name, name_en = excluded.name_en, parent_code ="
                + " excluded.parent_code, geometry = excluded.geometry")) {
      for (int i = 0; i < areas.size(); i++) {
        SupervisionReferenceData.Area a = areas.get(i);
        ps.setString(1, a.code());
        ps.setString(2, a.level().name());
        ps.setString(3, a.name());
        ps.setString(4, a.nameEn());
        ps.setString(5, a.parentCode());
        ps.setString(6, outlines.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void upsertNames(
      java.sql.Connection connection, String kind, List<SupervisionReferenceData.Name> names)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO reference_name (kind, code, name, name_en) VALUES (?, ?, ?, ?) ON"
                + " CONFLICT (kind, code) DO UPDATE SET name = excluded.name, name_en ="
                + " excluded.name_en")) {
      for (SupervisionReferenceData.Name n : names) {
        ps.setString(1, kind);
        ps.setString(2, n.code());
        ps.setString(3, n.name());
        ps.setString(4, n.nameEn());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // 400, as bean validation answers the rest of the body.
  private static DomainException invalid(String field, String message) {
    return new DomainException(
        DomainException.Refusal.MALFORMED,
        "invalid-reference-data",
        message,
        List.of(new DomainException.Violation(field, message)));
  }

  private static void upsertDays(
      java.sql.Connection connection, List<SupervisionReferenceData.Day> days, String kind)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO calendar_day (day, kind, name) VALUES (?, ?, ?) ON CONFLICT (day) DO"
                + " UPDATE SET kind = excluded.kind, name = excluded.name")) {
      for (SupervisionReferenceData.Day d : days) {
        ps.setDate(1, Date.valueOf(d.date()));
        ps.setString(2, kind);
        ps.setString(3, d.name());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
