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

/** Administrators load the working calendar and the deadline policies. */
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
  @Operation(summary = "Load the working calendar and (upsert) deadline policies")
  public SupervisionReferenceImport.Result load(@Valid @NotNull SupervisionReferenceData data) {
    return importer.load(data);
  }
}
