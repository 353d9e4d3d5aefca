package io.casegrid.supervision.policy;

import io.casegrid.kit.problem.Problem;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.reference.ReferenceVersion;
import io.casegrid.supervision.accountability.EscalationLadder;
import io.casegrid.supervision.deadline.WorkingCalendar;
import io.casegrid.supervision.deadline.WorkingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Loads the working calendar and the deadline policies: all of it, or nothing. */
@ApplicationScoped
public class SupervisionReferenceImport {

  /** How much was loaded. */
  public record Result(int workingPeriods, int calendarDays, int deadlinePolicies, long version) {}

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
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
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
            });
    long loaded = version.bump();
    rules.invalidate();
    int days = calendar == null ? 0 : calendar.holidays().size() + calendar.makeUpWorkdays().size();
    return new Result(periods.size(), days, data.deadlinePolicies().size(), loaded);
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

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Response.Status.BAD_REQUEST,
        "invalid-reference-data",
        message,
        List.of(new Problem.FieldError(field, message)));
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
