package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counters and rates per department, district or category over a period in the city's zone. */
@Path("/api/metrics")
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

  /** The longest period one request may sum. */
  static final int MAX_DAYS = 400;

  static final String DATE = "\\d{4}-\\d{2}-\\d{2}";

  /** The metrics of a period. */
  public record MetricsView(
      String groupBy,
      LocalDate from,
      LocalDate to,
      String zone,
      MetricFormulas.OnTimeDenominator onTimeDenominator,
      String department,
      List<Dashboard.Group> groups,
      Dashboard.Group total) {}

  private final Dashboard dashboard;
  private final Caller caller;
  private final ZoneId zone;

  MetricsResource(Dashboard dashboard, Caller caller, CityConfig city) {
    this.dashboard = dashboard;
    this.caller = caller;
    this.zone = city.zone();
  }

  @GET
  @Operation(
      summary =
          "Counters and rates per group over from..to (both included, in the city's zone), or over"
              + " the day, week or month around a date (this month by default); department staff"
              + " get their own department's cases only")
  @RolesAllowed({
    Roles.SUPERVISOR,
    Roles.LEADER,
    Roles.DISPATCHER,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD
  })
  public MetricsView metrics(
      @QueryParam("groupBy")
          @DefaultValue("department")
          @Pattern(regexp = "department|district|category")
          String groupBy,
      @QueryParam("from") @Pattern(regexp = DATE) String from,
      @QueryParam("to") @Pattern(regexp = DATE) String to,
      @QueryParam("period") @Pattern(regexp = "day|week|month") String period,
      @QueryParam("date") @Pattern(regexp = DATE) String date) {
    Instant now = Instant.now();
    LocalDate[] days = period(from, to, period, date, LocalDate.ofInstant(now, zone));
    String department = caller.isBoundToDepartment() ? caller.ownDepartment() : null;
    MetricsQueries.Grouping by = MetricsQueries.Grouping.valueOf(groupBy.toUpperCase(Locale.ROOT));
    List<Dashboard.Group> groups = dashboard.groups(by, days[0], days[1], department, now);
    return new MetricsView(
        groupBy,
        days[0],
        days[1],
        zone.getId(),
        dashboard.onTimeDenominator(),
        department,
        groups,
        dashboard.total(groups, null));
  }

  /**
   * The days a request asks for: {@code from} and {@code to} together, or a {@code period} (month
   * by default) around {@code date} (today by default); weeks start on Monday.
   */
  static LocalDate[] period(String from, String to, String period, String date, LocalDate today) {
    if (from != null || to != null) {
      if (from == null || to == null || period != null || date != null) {
        throw badPeriod("give from and to together, or period and date, not both");
      }
      LocalDate start = day("from", from);
      LocalDate end = day("to", to);
      if (end.isBefore(start)) {
        throw badPeriod("to is before from");
      }
      if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
        throw badPeriod("a period may cover " + MAX_DAYS + " days at most");
      }
      return new LocalDate[] {start, end};
    }
    LocalDate around = date == null ? today : day("date", date);
    return switch (period == null ? "month" : period) {
      case "day" -> new LocalDate[] {around, around};
      case "week" -> {
        LocalDate monday = around.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new LocalDate[] {monday, monday.plusDays(6)};
      }
      default ->
          new LocalDate[] {
            around.withDayOfMonth(1), around.with(TemporalAdjusters.lastDayOfMonth())
          };
    };
  }

  private static LocalDate day(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST, "invalid-period", field + " is no date: " + value);
    }
  }

  private static ProblemException badPeriod(String why) {
    return new ProblemException(Response.Status.BAD_REQUEST, "invalid-period", why);
  }
}
