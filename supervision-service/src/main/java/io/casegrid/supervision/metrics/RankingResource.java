package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The monthly ranking of departments and of districts on the composite score, with the movement
 * against the previous month. A ranking shows every department, so department staff may not read
 * it.
 */
@Path("/api/rankings")
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
public class RankingResource {

  /**
   * One place of the ranking: {@code movement} is how many places it rose since the previous month
   * (negative: fell; null: not ranked then).
   */
  public record Place(
      Integer rank,
      String key,
      BigDecimal score,
      BigDecimal coverage,
      List<MetricFormulas.Input> noData,
      Integer previousRank,
      BigDecimal previousScore,
      Integer movement,
      MetricFormulas.Rates rates,
      Counts counts) {}

  /** A month's ranking and how it was scored. */
  public record Ranking(
      String of,
      YearMonth month,
      YearMonth previousMonth,
      String zone,
      Map<MetricFormulas.Input, BigDecimal> weights,
      MetricFormulas.OnTimeDenominator onTimeDenominator,
      MetricFormulas.ValidCallbacks validCallbacks,
      List<Place> places) {}

  private final Dashboard dashboard;
  private final ZoneId zone;

  RankingResource(Dashboard dashboard, CityConfig city) {
    this.dashboard = dashboard;
    this.zone = city.zone();
  }

  @GET
  @Path("/departments")
  @Operation(
      summary = "Departments ranked on the composite score for a month (this one by default)")
  @RolesAllowed({Roles.SUPERVISOR, Roles.LEADER})
  public Ranking departments(
      @QueryParam("month") @Pattern(regexp = ReportingPeriod.MONTH) String month) {
    return rank("departments", MetricsQueries.Grouping.DEPARTMENT, month);
  }

  @GET
  @Path("/districts")
  @Operation(summary = "Districts ranked on the composite score for a month (this one by default)")
  @RolesAllowed({Roles.SUPERVISOR, Roles.LEADER})
  public Ranking districts(
      @QueryParam("month") @Pattern(regexp = ReportingPeriod.MONTH) String month) {
    return rank("districts", MetricsQueries.Grouping.DISTRICT, month);
  }

  private Ranking rank(String of, MetricsQueries.Grouping by, String month) {
    Instant now = Instant.now();
    YearMonth m =
        month == null
            ? YearMonth.from(LocalDate.ofInstant(now, zone))
            : ReportingPeriod.month(month);
    YearMonth previous = m.minusMonths(1);
    Map<String, Dashboard.Placed> before = new HashMap<>();
    for (Dashboard.Placed p :
        dashboard.ranked(by, previous.atDay(1), previous.atEndOfMonth(), now)) {
      if (p.rank() != null) {
        before.put(p.group().key(), p);
      }
    }
    List<Place> places =
        dashboard.ranked(by, m.atDay(1), m.atEndOfMonth(), now).stream()
            .map(
                p -> {
                  Dashboard.Group g = p.group();
                  Dashboard.Placed was = before.get(g.key());
                  return new Place(
                      p.rank(),
                      g.key(),
                      g.score().value(),
                      g.score().coverage(),
                      g.score().noData(),
                      was == null ? null : was.rank(),
                      was == null ? null : was.group().score().value(),
                      p.rank() == null || was == null ? null : was.rank() - p.rank(),
                      g.rates(),
                      g.counts());
                })
            .toList();
    return new Ranking(
        of,
        m,
        previous,
        zone.getId(),
        dashboard.weights(),
        dashboard.onTimeDenominator(),
        dashboard.validCallbacks(),
        places);
  }
}
