package io.casegrid.supervision.hotspots;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import io.casegrid.supervision.metrics.ReportingPeriod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cases per grid and category as GeoJSON, for the dashboard's map. */
@Path("/api/hotspots")
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
public class HotspotResource {

  private final Hotspots hotspots;
  private final Caller caller;
  private final ZoneId zone;

  HotspotResource(Hotspots hotspots, Caller caller, CityConfig city) {
    this.hotspots = hotspots;
    this.caller = caller;
    this.zone = city.zone();
  }

  @GET
  @Operation(
      summary =
          "A GeoJSON FeatureCollection with one feature per grid (its outline, and the cases"
              + " received in it per category) over from..to or the day, week or month around a"
              + " date (this month by default); department staff get their own department's"
              + " cases only")
  @RolesAllowed({
    Roles.SUPERVISOR,
    Roles.LEADER,
    Roles.ADMIN,
    Roles.DISPATCHER,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD
  })
  public Hotspots.FeatureCollection hotspots(
      @QueryParam("from") @Pattern(regexp = ReportingPeriod.DATE) String from,
      @QueryParam("to") @Pattern(regexp = ReportingPeriod.DATE) String to,
      @QueryParam("period") @Pattern(regexp = "day|week|month") String period,
      @QueryParam("date") @Pattern(regexp = ReportingPeriod.DATE) String date,
      @QueryParam("category") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String category) {
    ReportingPeriod days = ReportingPeriod.of(from, to, period, date, LocalDate.now(zone));
    String department = caller.isBoundToDepartment() ? caller.ownDepartment() : null;
    return hotspots.of(days, category, department);
  }
}
