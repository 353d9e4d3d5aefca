package io.casegrid.intake.duplicates;

import io.casegrid.intake.personal.FreeTextMasking;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Before saving a report, the operator asks which open cases it probably duplicates. */
@Path("/api/cases/duplicate-suggestions")
@Tag(name = "duplicates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DuplicateSuggestionResource {

  private final DuplicateSuggestions suggestions;
  private final Caller caller;

  DuplicateSuggestionResource(DuplicateSuggestions suggestions, Caller caller) {
    this.suggestions = suggestions;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "Open cases of the same category near the report and reported lately, the nearest and"
              + " newest first; the body of a registration may be sent as it is")
  @RolesAllowed({Roles.OPERATOR, Roles.INSPECTOR})
  public DuplicateSuggestions.Suggestions suggest(@Valid @NotNull DuplicateQuery query) {
    return suggestions.suggest(query, FreeTextMasking.forReader(caller.is(Roles.OPERATOR)));
  }
}
