package io.casegrid.dispatch.reference;

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

/** Administrators load departments, territories and the routing catalogue. */
@Path("/api/admin/reference-data")
@Tag(name = "administration")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DispatchReferenceResource {

  private final DispatchReferenceImport importer;

  DispatchReferenceResource(DispatchReferenceImport importer) {
    this.importer = importer;
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Load (upsert) departments, territories and routing rules")
  public DispatchReferenceImport.Result load(@Valid @NotNull DispatchReferenceData data) {
    return importer.load(data);
  }
}
