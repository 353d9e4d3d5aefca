package io.casegrid.intake.duplicates;

import io.casegrid.kit.idempotency.Idempotent;
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
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An operator or dispatcher finds later that two open cases report the same problem. */
@Path("/api/cases/{id}/merged-cases")
@Tag(name = "duplicates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Idempotent
public class MergeResource {

  private final CaseMerging merging;
  private final Caller caller;

  MergeResource(CaseMerging merging, Caller caller) {
    this.merging = merging;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "Merge the case named in the body into this one: its reporters, photos and sensor"
              + " alarms move here and it is closed as merged; announced as CaseMerged. 409 unless"
              + " both are open")
  @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
  @RateLimited("case-writes")
  public CaseMerging.Merged merge(@PathParam("id") UUID id, @Valid @NotNull MergeCase request) {
    return merging.merge(id, request.caseId(), request.reason(), caller.name());
  }
}
