package io.casegrid.supervision.campaigns;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rectification campaigns active today, with their headline progress, for the dashboard. */
@Path("/api/active-campaigns")
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
public class ActiveCampaignResource {

  private final ActiveCampaigns campaigns;
  private final ZoneId zone;

  ActiveCampaignResource(ActiveCampaigns campaigns, CityConfig city) {
    this.campaigns = campaigns;
    this.zone = city.zone();
  }

  @GET
  @RolesAllowed({Roles.LEADER, Roles.SUPERVISOR, Roles.ADMIN})
  @Operation(
      summary =
          "The rectification campaigns active today (launched, not ended, their last day not"
              + " passed), the most recently launched first: name, period and deadlines, and the"
              + " progress intake last reported (blind spots once the inspection deadline has"
              + " passed)")
  public List<ActiveCampaigns.Campaign> active() {
    return campaigns.on(LocalDate.now(zone));
  }
}
