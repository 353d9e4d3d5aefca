package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.problem.Problem;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Counters and rates per department, district, street (街道), grid (网格) or category over a period in
 * the city's zone, of all cases or of one street's or grid's.
 */
@Path("/api/metrics")
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

  /** The metrics of a period. */
  public record MetricsView(
      String groupBy,
      LocalDate from,
      LocalDate to,
      String zone,
      MetricFormulas.OnTimeDenominator onTimeDenominator,
      MetricFormulas.ValidCallbacks validCallbacks,
      String department,
      String street,
      String grid,
      List<Dashboard.Group> groups,
      Dashboard.Group total) {}

  /** A street's or grid's code as the case's location gives it. */
  static final String AREA_CODE = "[A-Za-z0-9_-]{1,64}";

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
              + " the day, week or month around a date (this month by default); only a street's"
              + " cases (grouped by department, street or grid) or a grid's (by street or grid) if"
              + " given; department staff get their own department's cases only, and no grids")
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
          @Pattern(regexp = "department|district|street|grid|category")
          String groupBy,
      @QueryParam("from") @Pattern(regexp = ReportingPeriod.DATE) String from,
      @QueryParam("to") @Pattern(regexp = ReportingPeriod.DATE) String to,
      @QueryParam("period") @Pattern(regexp = "day|week|month") String period,
      @QueryParam("date") @Pattern(regexp = ReportingPeriod.DATE) String date,
      @QueryParam("street") @Pattern(regexp = AREA_CODE) String street,
      @QueryParam("grid") @Pattern(regexp = AREA_CODE) String grid) {
    Instant now = Instant.now();
    ReportingPeriod days =
        ReportingPeriod.of(from, to, period, date, LocalDate.ofInstant(now, zone));
    String department = caller.isBoundToDepartment() ? caller.ownDepartment() : null;
    MetricsQueries.Grouping by = MetricsQueries.Grouping.valueOf(groupBy.toUpperCase(Locale.ROOT));
    MetricsQueries.Scope scope = new MetricsQueries.Scope(department, street, grid);
    if (department != null && scope.perGrid(by)) {
      // Grids are counted for all departments together: staff could only see others' cases.
      throw new ProblemException(
          Response.Status.FORBIDDEN,
          "grids-of-all-departments",
          "grids are counted for all departments together; department staff read their own"
              + " department per street",
          List.of(
              new Problem.FieldError(grid != null ? "grid" : "groupBy", "not for one department")));
    }
    if (!scope.groupable(by)) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST,
          "invalid-grouping",
          "a street's cases are grouped by department, street or grid, a grid's by street or grid",
          List.of(
              new Problem.FieldError(
                  "groupBy",
                  "cannot be " + groupBy + " with " + (grid != null ? "grid" : "street"))));
    }
    List<Dashboard.Group> groups = dashboard.groups(by, days.from(), days.to(), scope, now);
    return new MetricsView(
        groupBy,
        days.from(),
        days.to(),
        zone.getId(),
        dashboard.onTimeDenominator(),
        dashboard.validCallbacks(),
        department,
        street,
        grid,
        groups,
        dashboard.total(groups));
  }
}
