package io.casegrid.supervision.accountability;

import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The accountability record: each step of the ladder taken, with the cases behind it. */
@Path("/api/accountability")
@Tag(name = "accountability")
@Produces(MediaType.APPLICATION_JSON)
public class AccountabilityResource {

  private final AccountabilityQueries record;

  AccountabilityResource(AccountabilityQueries record) {
    this.record = record;
  }

  @GET
  @Operation(summary = "Steps taken, newest first, for one department or all, since a date")
  @RolesAllowed({Roles.SUPERVISOR, Roles.LEADER})
  public List<AccountabilityQueries.Entry> list(
      @QueryParam("department") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("since") LocalDate since) {
    return record.steps(department, since);
  }
}
