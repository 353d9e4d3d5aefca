package io.casegrid.supervision.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.console.Console;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import io.casegrid.supervision.bulletin.Language;
import io.casegrid.supervision.bulletin.ReferenceNameQueries;
import io.casegrid.supervision.bulletin.ReferenceNames;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The leadership dashboard (领导驾驶舱): the month's headline rates, the rankings of departments and
 * districts, the month's figures per department, district, street, grid or category, the overdue
 * cases, the daily trend and the grid hotspot map. Read-only: the page draws what the metrics API
 * answers, with the same checks as for any other client.
 */
@Path(Console.PATH)
public class LeadershipDashboardResource {

  /** The console's texts: console/texts/supervision.*.properties. */
  private static final String TEXTS = "supervision";

  /** How many months back the period selector offers. */
  private static final int MONTHS = 12;

  private final Console console;
  private final Caller caller;
  private final ZoneId zone;
  private final Template page;
  private final ReferenceNameQueries referenceNames;
  private final ObjectMapper json;

  LeadershipDashboardResource(
      Console console,
      Caller caller,
      CityConfig city,
      @Location("console/dashboard") Template page,
      ReferenceNameQueries referenceNames,
      ObjectMapper json) {
    this.console = console;
    this.caller = caller;
    this.zone = city.zone();
    this.page = page;
    this.referenceNames = referenceNames;
    this.json = json;
  }

  // An HTML page, not part of the API: hidden from the OpenAPI document (see docs/SECURITY.md).
  @GET
  @Produces(MediaType.TEXT_HTML)
  @Authenticated
  @Operation(hidden = true)
  public Response leadershipDashboard() {
    if (!(caller.is(Roles.LEADER) || caller.is(Roles.SUPERVISOR) || caller.is(Roles.ADMIN))) {
      return console.forbidden(TEXTS);
    }
    YearMonth now = YearMonth.now(zone);
    List<String> months =
        Stream.iterate(now, m -> m.minusMonths(1)).limit(MONTHS).map(YearMonth::toString).toList();
    return console.page(
        page.data("months", months).data("zone", zone.getId()).data("names", names()), TEXTS);
  }

  /** The names the rankings, the groups and the overdue list show for the codes the API answers. */
  private String names() {
    Language language = "en".equals(console.language()) ? Language.EN : Language.ZH;
    ReferenceNames names = referenceNames.in(language);
    try {
      return json.writeValueAsString(
          Map.of(
              "departments",
              names.departments(),
              "districts",
              names.districts(),
              "streets",
              names.streets(),
              "grids",
              names.grids(),
              "categories",
              names.categories()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
