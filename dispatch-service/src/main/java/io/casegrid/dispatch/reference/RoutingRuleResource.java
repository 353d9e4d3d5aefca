package io.casegrid.dispatch.reference;

import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The routing catalogue read back as loaded, every version of every rule: for the dispatchers who
 * place cases, the supervision centre that asks why a case went where it did, and the
 * administrators who load it.
 */
@Path("/api/routing-rules")
@Tag(name = "administration")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingRuleResource {

  private final RoutingCatalogue catalogue;

  RoutingRuleResource(RoutingCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GET
  @Transactional
  @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
  @Operation(
      summary =
          "The routing rules with their effective dates, every version: all, a category's, or"
              + " those that apply in a district (its own and the city's)")
  public List<RoutingCatalogue.Rule> rules(
      @QueryParam("category") @Pattern(regexp = "[A-Z0-9]{2,16}") String category,
      @QueryParam("district") @Pattern(regexp = "\\d{6}") String district) {
    return catalogue.rules(category, district, Instant.now());
  }
}
