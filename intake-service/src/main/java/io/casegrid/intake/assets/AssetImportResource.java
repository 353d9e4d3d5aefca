package io.casegrid.intake.assets;

import io.casegrid.citypackage.assets.AssetColumns;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.problem.RequestSizeLimit;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Administrators import the asset register from large files and follow the imports. */
@Path(AssetImportResource.PATH)
@Tag(name = "administration")
public class AssetImportResource {

  /** The upload route, as {@code casegrid.http.uploads.assets.path} names it. */
  static final String PATH = "/api/admin/asset-imports";

  static final String CSV = "text/csv";
  static final String GEOJSON = "application/geo+json";

  private final AssetImports imports;
  private final RequestSizeLimit limits;
  private final Caller caller;

  AssetImportResource(AssetImports imports, RequestSizeLimit limits, Caller caller) {
    this.imports = imports;
    this.limits = limits;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Import assets from a file, CSV (text/csv) or GeoJSON (application/geo+json), in the"
              + " background: 202 with the import and its Location. The column.* parameters name"
              + " the file's own columns (properties) for the register's fields")
  public Response start(
      @HeaderParam("Content-Type") String contentType,
      @Parameter(description = "the file's column (property) holding the asset's code")
          @QueryParam("column.code")
          @Size(max = 200)
          String code,
      @Parameter(description = "the file's column (property) holding the category code")
          @QueryParam("column.categoryCode")
          @Size(max = 200)
          String categoryCode,
      @Parameter(description = "the CSV file's column holding the latitude")
          @QueryParam("column.latitude")
          @Size(max = 200)
          String latitude,
      @Parameter(description = "the CSV file's column holding the longitude")
          @QueryParam("column.longitude")
          @Size(max = 200)
          String longitude,
      @Parameter(description = "the file's column (property) holding the owner's department code")
          @QueryParam("column.ownerDepartmentCode")
          @Size(max = 200)
          String ownerDepartmentCode,
      @Parameter(description = "the file's column (property) holding the address")
          @QueryParam("column.address")
          @Size(max = 200)
          String address,
      InputStream body) {
    AssetImports.Format format = formatOf(contentType);
    AssetColumns columns =
        new AssetColumns(code, categoryCode, latitude, longitude, ownerDepartmentCode, address);
    AssetImportView started =
        imports.start(format, columns, limits.limited(body, PATH), caller.name());
    return Response.accepted(started).location(URI.create(PATH + "/" + started.id())).build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "The latest imports of the asset register, newest first")
  public List<AssetImportView> latest() {
    return imports.latest();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "An import: state, rows read, stored and rejected, rows per second, and the first"
              + " rejected rows with their line (CSV) or feature (GeoJSON) and why")
  public AssetImportView get(@PathParam("id") UUID id) {
    return imports.view(id).orElseThrow(() -> ProblemException.notFound("asset import " + id));
  }

  // UTF-8 only: a CSV in another charset would be read wrong, row by row.
  private static AssetImports.Format formatOf(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String[] parts = type.split(";");
    String media = parts[0].strip();
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].replace(" ", "");
      if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
        throw unsupported();
      }
    }
    return switch (media) {
      case CSV -> AssetImports.Format.CSV;
      case GEOJSON -> AssetImports.Format.GEOJSON;
      default -> throw unsupported();
    };
  }

  // The imports' own refusal, said over HTTP: too many at once.
  @ServerExceptionMapper
  Response busy(AssetImports.Busy e) {
    return new ProblemException(Response.Status.TOO_MANY_REQUESTS, "imports-busy", e.getMessage())
        .problem()
        .toResponse();
  }

  private static ProblemException unsupported() {
    return new ProblemException(
        Response.Status.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "an asset file is text/csv or application/geo+json, in UTF-8");
  }
}
