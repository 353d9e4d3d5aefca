package io.casegrid.intake.duplicates;

import io.casegrid.intake.cases.CallerChannels;
import io.casegrid.kit.ratelimit.RateLimited;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Another caller about a problem an open case holds joins that case. */
@Path("/api/cases/{id}/reporters")
@Tag(name = "duplicates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReporterResource {

  private final CaseMerging merging;
  private final Caller caller;

  ReporterResource(CaseMerging merging, Caller caller) {
    this.merging = merging;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "Add a reporter to an open case instead of registering a duplicate; 201 with the case"
              + " number to tell them, announced as CaseMerged. 409 unless the case is open")
  @RolesAllowed({Roles.OPERATOR, Roles.INSPECTOR})
  @RateLimited("case-writes")
  public Response add(
      @PathParam("id") UUID id, @Valid @NotNull AddReporter request, @Context UriInfo uri) {
    CallerChannels.require(request.channel(), caller::is, "channel");
    CaseMerging.ReporterAdded added = merging.addReporter(id, request, caller.name());
    return Response.created(uri.getBaseUriBuilder().path("/api/cases/" + id).build())
        .entity(added)
        .build();
  }
}
