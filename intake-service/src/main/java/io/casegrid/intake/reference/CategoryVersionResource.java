package io.casegrid.intake.reference;

import io.casegrid.events.Urgency;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators and the supervision centre read the category catalogue's versions. */
@Path("/api/categories/versions")
@Tag(name = "administration")
@Produces(MediaType.APPLICATION_JSON)
public class CategoryVersionResource {

  /** A version, in the city's time. */
  public record VersionView(
      int version, OffsetDateTime effectiveAt, int categories, int added, int changed) {}

  /** A category as a version has it. */
  public record CategoryView(
      String code,
      String name,
      String nameEn,
      CategoryKind kind,
      Urgency defaultUrgency,
      Integer duplicateRadiusMetres,
      Integer duplicateWindowHours) {}

  /** A version with its categories, in code order. */
  public record CatalogueView(VersionView version, List<CategoryView> categories) {}

  private final CategoryCatalogue catalogue;
  private final CityConfig city;

  CategoryVersionResource(CategoryCatalogue catalogue, CityConfig city) {
    this.catalogue = catalogue;
    this.city = city;
  }

  @GET
  @Operation(summary = "The versions of the category catalogue, the newest first")
  @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
  public List<VersionView> versions() {
    return catalogue.versions().stream().map(this::view).toList();
  }

  @GET
  @Path("/{version}")
  @Operation(summary = "One version of the category catalogue with its categories")
  @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
  public CatalogueView version(@PathParam("version") int version) {
    CategoryCatalogue.Version v =
        catalogue
            .version(version)
            .orElseThrow(() -> ProblemException.notFound("category catalogue version " + version));
    return new CatalogueView(
        view(v),
        catalogue.categoriesOf(version).values().stream()
            .map(
                c ->
                    new CategoryView(
                        c.code(),
                        c.name(),
                        c.nameEn(),
                        c.kind(),
                        c.defaultUrgency(),
                        c.duplicateRadiusMetres(),
                        c.duplicateWindowHours()))
            .toList());
  }

  private VersionView view(CategoryCatalogue.Version v) {
    return new VersionView(
        v.version(),
        v.effectiveAt().atZone(city.zone()).toOffsetDateTime(),
        v.categories(),
        v.added(),
        v.changed());
  }
}
