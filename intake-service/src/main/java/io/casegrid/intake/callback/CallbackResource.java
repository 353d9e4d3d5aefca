package io.casegrid.intake.callback;

import io.casegrid.intake.personal.FreeTextMasking;
import io.casegrid.kit.ratelimit.RateLimited;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The hotline records its callbacks to citizens after closure (回访); supervisors read them. */
@Path("/api/cases/{id}")
@Tag(name = "cases")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackResource {

  private final Callbacks callbacks;
  private final Caller caller;

  CallbackResource(Callbacks callbacks, Caller caller) {
    this.callbacks = callbacks;
    this.caller = caller;
  }

  @POST
  @Path("/callback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Record the callback to the citizen after closure (回访); announced as CallbackRecorded."
              + " 409 unless the case is closed and its reporter agreed to be called back")
  @RolesAllowed(Roles.OPERATOR)
  @RateLimited("case-writes")
  public Response recordCallback(
      @PathParam("id") UUID id, @Valid @NotNull RecordCallback request, @Context UriInfo uri) {
    CallbackView recorded = callbacks.record(id, request, caller.name());
    return Response.created(uri.getBaseUriBuilder().path("/api/cases/" + id + "/callbacks").build())
        .entity(recorded)
        .build();
  }

  @GET
  @Path("/callbacks")
  @Operation(summary = "The callbacks to the citizen after closure of a case, the first first")
  @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR})
  public List<CallbackView> callbacks(@PathParam("id") UUID id) {
    return callbacks.of(id, FreeTextMasking.forReader(caller.is(Roles.OPERATOR)));
  }
}
