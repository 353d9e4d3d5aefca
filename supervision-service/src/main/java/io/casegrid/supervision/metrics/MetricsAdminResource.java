package io.casegrid.supervision.metrics;

import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recomputes the metrics projection from the cases' rows, for an administrator. */
@Path("/api/admin/metrics/rebuild")
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsAdminResource {

  /** What the rebuild wrote: daily counter rows. */
  public record Rebuilt(long rows) {}

  private final MetricsProjection projection;

  MetricsAdminResource(MetricsProjection projection) {
    this.projection = projection;
  }

  @POST
  @Transactional
  @Operation(
      summary =
          "Recompute the counters, duration histograms and hotspots, per department, district and"
              + " category and per street and grid, from the cases' rows (the consumers wait"
              + " meanwhile)")
  @RolesAllowed(Roles.ADMIN)
  public Rebuilt rebuild() {
    return new Rebuilt(projection.rebuild());
  }
}
