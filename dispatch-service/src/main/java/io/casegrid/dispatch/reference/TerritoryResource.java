package io.casegrid.dispatch.reference;

import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The territorial offices (属地) read back, for everyone who picks a department. */
@Path("/api/territories")
@Tag(name = "departments")
@Produces(MediaType.APPLICATION_JSON)
public class TerritoryResource {

  private final RoutingCatalogue catalogue;

  TerritoryResource(RoutingCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GET
  @Transactional
  @RolesAllowed({
    Roles.OPERATOR,
    Roles.INSPECTOR,
    Roles.DISPATCHER,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.SUPERVISOR,
    Roles.LEADER,
    Roles.ADMIN
  })
  @Operation(summary = "The territorial office (属地) of each street and community")
  public List<RoutingCatalogue.Territory> territories() {
    return catalogue.territories();
  }
}
