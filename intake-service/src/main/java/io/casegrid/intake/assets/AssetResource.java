package io.casegrid.intake.assets;

import io.casegrid.citypackage.geo.GeoJson;
import io.casegrid.events.Location;
import io.casegrid.intake.reference.AreaReading;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.locationtech.jts.geom.Envelope;

/**
 * The asset register read back: an asset by its code, the assets of an area, and those near a point
 * — the covers an operator is offered when a caller stands at one without its code.
 */
@Path("/api/assets")
@Tag(name = "reference data")
@Produces(MediaType.APPLICATION_JSON)
// Every member of staff who works cases reads the register (leaders read figures, not assets).
@RolesAllowed({
  Roles.OPERATOR,
  Roles.INSPECTOR,
  Roles.DISPATCHER,
  Roles.DEPARTMENT_STAFF,
  Roles.DEPARTMENT_LEAD,
  Roles.SUPERVISOR,
  Roles.ADMIN
})
public class AssetResource {

  private static final String CODE = "\\d{16}";
  private static final String CATEGORY = "[A-Z0-9]{2,16}";

  /** An asset with the grid (and so street and district) it lies in, if it lies in one. */
  public record AssetView(AssetFinder.Asset asset, Location location) {}

  /** An asset near the point asked about, how far, and where it lies. */
  public record NearbyView(AssetFinder.Asset asset, long distanceMetres, Location location) {}

  /** The assets near a point, the nearest first, and the radius looked in. */
  public record Near(int radiusMetres, List<NearbyView> assets) {}

  /** A page of an area's assets in code order; {@code next} gives the following page. */
  public record Page(List<AssetView> assets, String next) {}

  private final AssetFinder finder;
  private final AreaReading areas;
  private final ReferenceCache reference;

  AssetResource(AssetFinder finder, AreaReading areas, ReferenceCache reference) {
    this.finder = finder;
    this.areas = areas;
    this.reference = reference;
  }

  @GET
  @Path("/{assetCode}")
  @Transactional
  @Operation(summary = "An asset of the register by its 16-digit code, with its owner and place")
  public AssetView byCode(@PathParam("assetCode") @Pattern(regexp = CODE) String code) {
    AssetFinder.Asset asset =
        finder.byCode(code).orElseThrow(() -> ProblemException.notFound("asset " + code));
    return new AssetView(asset, locate(asset).orElse(null));
  }

  @GET
  @Path("/near")
  @Transactional
  @Operation(
      summary =
          "The registered assets (of a category) within a radius of a point, the nearest first:"
              + " the suggestions for a report that has a position but no asset code")
  public Near near(
      @QueryParam("latitude") @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
      @QueryParam("longitude") @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
      @QueryParam("category") @Pattern(regexp = CATEGORY) String category,
      @QueryParam("radius") @Min(1) @Max(10_000) Integer radius) {
    int metres =
        Math.min(
            radius == null ? finder.config().suggestionRadiusMetres() : radius,
            finder.config().maxRadiusMetres());
    return new Near(
        metres,
        finder
            .near(latitude, longitude, category, metres, finder.config().maxSuggestions())
            .stream()
            .map(n -> new NearbyView(n.asset(), n.distanceMetres(), locate(n.asset()).orElse(null)))
            .toList());
  }

  @GET
  @Transactional
  @Operation(
      summary =
          "The assets lying in an area (district, street, community or grid), of a category if"
              + " given, in code order, a page at a time (after: the previous page's next)")
  public Page inArea(
      @QueryParam("area") @NotNull @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}") String area,
      @QueryParam("category") @Pattern(regexp = CATEGORY) String category,
      @QueryParam("after") @Pattern(regexp = CODE) String after,
      @QueryParam("size") @Min(1) @Max(1000) Integer size) {
    AreaReading.Area found =
        areas.area(area).orElseThrow(() -> ProblemException.notFound("area " + area));
    Envelope bounds = GeoJson.read(found.geometry()).getEnvelopeInternal();
    int wanted = size == null ? 100 : size;
    List<AssetView> page = new ArrayList<>();
    String cursor = after;
    // The box holds more than the area; keep reading until the page is full or the box is done.
    while (page.size() < wanted) {
      List<AssetFinder.Asset> batch =
          finder.inBox(
              bounds.getMinY(),
              bounds.getMaxY(),
              bounds.getMinX(),
              bounds.getMaxX(),
              category,
              cursor,
              wanted);
      for (AssetFinder.Asset a : batch) {
        cursor = a.code();
        Optional<Location> at = locate(a);
        if (at.isPresent() && at.get().gridCode().startsWith(area)) {
          page.add(new AssetView(a, at.get()));
          if (page.size() == wanted) {
            break;
          }
        }
      }
      if (batch.size() < wanted) {
        return new Page(page, null);
      }
    }
    return new Page(page, cursor);
  }

  private Optional<Location> locate(AssetFinder.Asset a) {
    return reference.locate(a.latitude(), a.longitude());
  }
}
