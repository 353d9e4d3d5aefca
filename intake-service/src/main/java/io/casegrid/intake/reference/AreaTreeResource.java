package io.casegrid.intake.reference;

import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The city's areas read back as loaded — districts, streets, communities and grids — as a tree, one
 * by one with its outline, or as a GeoJSON FeatureCollection ({@code Accept: application/geo+json})
 * that loads back as a package's {@code areas.geojson}. Everyone who files, places, handles or
 * watches cases reads them.
 */
@Path("/api/areas")
@Tag(name = "reference data")
// Every member of staff reads the areas.
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
public class AreaTreeResource {

  static final String GEOJSON = "application/geo+json";
  private static final String LEVEL = "DISTRICT|STREET|COMMUNITY|GRID";
  private static final String CODE = "\\d{6}|\\d{9}|\\d{12}|\\d{15}";

  /** The areas at the top of the tree (or the one asked for), each with those in it. */
  public record Tree(List<AreaReading.Node> areas) {}

  private final AreaReading reading;

  AreaTreeResource(AreaReading reading) {
    this.reading = reading;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, GEOJSON})
  @Transactional
  @Operation(
      summary =
          "The areas as a tree: districts, streets, communities and grids (down to the level"
              + " asked), or one area's subtree (under); as a GeoJSON FeatureCollection with"
              + " Accept: application/geo+json")
  public Response tree(
      @HeaderParam("Accept") String accept,
      @QueryParam("under") @Pattern(regexp = CODE) String under,
      @QueryParam("level") @Pattern(regexp = LEVEL) String level) {
    // JSON unless GeoJSON is asked for by name: a client that takes anything gets the tree.
    if (accept != null && accept.toLowerCase(Locale.ROOT).contains(GEOJSON)) {
      return Response.ok(reading.geoJson(under, deepest(level)), GEOJSON).build();
    }
    Tree tree =
        new Tree(
            reading
                .tree(under, deepest(level))
                .orElseThrow(() -> ProblemException.notFound("area " + under)));
    return Response.ok(tree, MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("/{areaCode}")
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  @Operation(summary = "One area with its outline (GeoJSON) and the codes of the areas in it")
  public AreaReading.Area area(@PathParam("areaCode") @Pattern(regexp = CODE) String code) {
    return reading.area(code).orElseThrow(() -> ProblemException.notFound("area " + code));
  }

  private static AreaLevel deepest(String level) {
    return level == null ? AreaLevel.GRID : AreaLevel.valueOf(level);
  }
}
