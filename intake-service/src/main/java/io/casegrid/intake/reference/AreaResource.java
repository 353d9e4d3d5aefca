package io.casegrid.intake.reference;

import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.problem.Problem;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.problem.RequestSizeLimit;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Administrators load the administrative areas and grids from a GeoJSON FeatureCollection, as a
 * city's GIS exports them; all of it, or nothing if any feature is wrong.
 */
@Path(AreaResource.PATH)
@Tag(name = "administration")
public class AreaResource {

  /** The upload route, as {@code casegrid.http.uploads.areas.path} names it. */
  static final String PATH = "/api/admin/areas";

  private final ReferenceDataImport importer;
  private final Validator validator;
  private final RequestSizeLimit limits;

  AreaResource(ReferenceDataImport importer, Validator validator, RequestSizeLimit limits) {
    this.importer = importer;
    this.validator = validator;
    this.limits = limits;
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Load (upsert) areas and grids from a GeoJSON FeatureCollection (application/geo+json)"
              + " of Polygon and MultiPolygon features with the properties code and name")
  public ReferenceDataImport.Result load(
      @HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
    String media = contentType == null ? "" : contentType.split(";")[0].strip();
    if (!media.toLowerCase(Locale.ROOT).equals("application/geo+json")) {
      throw new ProblemException(
          Response.Status.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type",
          "areas are loaded as application/geo+json");
    }
    GeoJsonAreas.Read read = GeoJsonAreas.read(limits.limited(body, PATH));
    ReferenceData areas = ReferenceData.ofAreas(read.areas());
    // A feature whose level could not be told was named above; its missing level is not news.
    Set<String> told =
        read.errors().stream()
            .map(e -> e.field().substring(0, e.field().indexOf(']') + 1))
            .collect(Collectors.toSet());
    List<Problem.FieldError> all = new ArrayList<>(read.errors());
    all.addAll(
        GeoJsonAreas.named(
            validator.validate(areas).stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList()));
    all.addAll(GeoJsonAreas.named(importer.problems(areas)));
    all.removeIf(
        e ->
            e.field().endsWith(".properties.level")
                && told.contains(e.field().substring(0, e.field().indexOf(']') + 1))
                && !read.errors().contains(e));
    if (!all.isEmpty()) {
      all.sort(Comparator.comparing(Problem.FieldError::field));
      throw new DomainException(
          DomainException.Refusal.MALFORMED,
          "validation",
          "the areas have " + all.size() + " invalid fields; nothing was loaded",
          all.subList(0, Math.min(all.size(), 100)).stream()
              .map(f -> new DomainException.Violation(f.field(), f.message()))
              .toList());
    }
    try {
      return importer.load(areas);
    } catch (DomainException e) {
      throw GeoJsonAreas.inGeoJsonTerms(e);
    }
  }
}
