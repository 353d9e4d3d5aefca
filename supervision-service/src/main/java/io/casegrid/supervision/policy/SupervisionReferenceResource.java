package io.casegrid.supervision.policy;

import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Administrators load the working calendar, the deadline policies, the escalation ladder, and the
 * areas and names the map and the bulletins show.
 */
@Path("/api/admin/reference-data")
@Tag(name = "administration")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SupervisionReferenceResource {

  private final SupervisionReferenceImport importer;

  SupervisionReferenceResource(SupervisionReferenceImport importer) {
    this.importer = importer;
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Load the working calendar, the escalation ladder and the supervision orders' response"
              + " limit, and upsert deadline policies, areas with their outlines, and department and"
              + " category names")
  public SupervisionReferenceImport.Result load(@Valid @NotNull SupervisionReferenceData data) {
    return importer.load(data);
  }
}
