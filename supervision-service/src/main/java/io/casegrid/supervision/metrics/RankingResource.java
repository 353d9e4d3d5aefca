package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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

  static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";

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
  public Ranking departments(@QueryParam("month") @Pattern(regexp = MONTH) String month) {
    return rank("departments", MetricsQueries.Grouping.DEPARTMENT, month);
  }

  @GET
  @Path("/districts")
  @Operation(summary = "Districts ranked on the composite score for a month (this one by default)")
  @RolesAllowed({Roles.SUPERVISOR, Roles.LEADER})
  public Ranking districts(@QueryParam("month") @Pattern(regexp = MONTH) String month) {
    return rank("districts", MetricsQueries.Grouping.DISTRICT, month);
  }

  private Ranking rank(String of, MetricsQueries.Grouping by, String month) {
    Instant now = Instant.now();
    YearMonth m = month == null ? YearMonth.from(LocalDate.ofInstant(now, zone)) : parse(month);
    YearMonth previous = m.minusMonths(1);
    List<Dashboard.Group> current = ranked(by, m, now);
    Map<String, Integer> previousRanks = new HashMap<>();
    Map<String, BigDecimal> previousScores = new HashMap<>();
    List<Dashboard.Group> before = ranked(by, previous, now);
    for (Dashboard.Group g : before) {
      Integer r = rankOf(g, before);
      if (r != null) {
        previousRanks.put(g.key(), r);
        previousScores.put(g.key(), g.score().value());
      }
    }
    List<Place> places =
        current.stream()
            .map(
                g -> {
                  Integer rank = rankOf(g, current);
                  Integer was = previousRanks.get(g.key());
                  return new Place(
                      rank,
                      g.key(),
                      g.score().value(),
                      g.score().coverage(),
                      g.score().noData(),
                      was,
                      previousScores.get(g.key()),
                      rank == null || was == null ? null : was - rank,
                      g.rates(),
                      g.counts());
                })
            .toList();
    return new Ranking(
        of, m, previous, zone.getId(), dashboard.weights(), dashboard.onTimeDenominator(), places);
  }

  // Groups of a known department or district with cases in the month only, best first.
  private List<Dashboard.Group> ranked(MetricsQueries.Grouping by, YearMonth month, Instant now) {
    return dashboard.groups(by, month.atDay(1), month.atEndOfMonth(), null, now).stream()
        .filter(g -> g.key() != null && !g.counts().equals(Counts.NONE))
        .sorted(Dashboard.BY_SCORE)
        .toList();
  }

  // Equal scores share a place (1, 2, 2, 4); a group without a score has none.
  static Integer rankOf(Dashboard.Group g, List<Dashboard.Group> all) {
    BigDecimal score = g.score().value();
    if (score == null) {
      return null;
    }
    int better = 0;
    for (Dashboard.Group other : all) {
      BigDecimal s = other.score().value();
      if (s != null && s.compareTo(score) > 0) {
        better++;
      }
    }
    return better + 1;
  }

  private static YearMonth parse(String month) {
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST, "invalid-period", "month is no month: " + month);
    }
  }
}
