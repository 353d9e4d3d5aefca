package io.casegrid.intake.reference;

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

/** Administrators load the category catalogue, areas and grids, and the asset register. */
@Path("/api/admin/reference-data")
@Tag(name = "administration")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceDataResource {

  private final ReferenceDataImport importer;

  ReferenceDataResource(ReferenceDataImport importer) {
    this.importer = importer;
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Load (upsert) categories, areas with polygons, and assets")
  public ReferenceDataImport.Result load(@Valid @NotNull ReferenceData data) {
    return importer.load(data);
  }
}
