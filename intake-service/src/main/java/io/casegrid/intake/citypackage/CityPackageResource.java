package io.casegrid.intake.citypackage;

import io.casegrid.citypackage.CityPackage;
import io.casegrid.citypackage.Loader;
import io.casegrid.citypackage.PackageWriter;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.problem.RequestSizeLimit;
import io.casegrid.kit.security.Roles;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The one administration endpoint that loads a city package into the whole system: an administrator
 * uploads the package (a zip), reads the report — every problem with its file, line or feature and
 * field, in Chinese or English ({@code Accept-Language}) — and the diff against what is loaded,
 * then sends it again with {@code apply=true} to stage it in the three services and activate it in
 * all of them, or in none. Each service takes its part through its own endpoint ({@code
 * /api/admin/city-package}); the administrator's token is passed on, so each service checks it is
 * an administrator's. The export writes what is loaded back as a package.
 */
@Path(CityPackageResource.PATH)
@Tag(name = "administration")
public class CityPackageResource {

  /** The upload route, as {@code casegrid.http.uploads.city-packages.path} names it. */
  static final String PATH = "/api/admin/city-packages";

  private static final String LOAD = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final CityPackageConfig config;
  private final RequestSizeLimit limits;
  private final SecurityIdentity identity;

  CityPackageResource(
      CityPackageConfig config, RequestSizeLimit limits, SecurityIdentity identity) {
    this.config = config;
    this.limits = limits;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Check a city package (application/zip) and show what it would change; with"
              + " apply=true, stage it in every service and activate it in all or none")
  public Response load(
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Accept-Language") String language,
      @QueryParam("apply") boolean apply,
      InputStream body) {
    String media = contentType == null ? "" : contentType.split(";")[0].strip();
    if (!media.equalsIgnoreCase("application/zip")) {
      throw new ProblemException(
          Response.Status.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type",
          "a city package is uploaded as application/zip");
    }
    java.nio.file.Path spool = null;
    try {
      spool = Files.createTempFile("city-package-", ".zip");
      Files.copy(limits.limited(body, PATH), spool, StandardCopyOption.REPLACE_EXISTING);
      Loader.Report report;
      try (CityPackage p = CityPackage.read(spool)) {
        report = loader(language).load(p, apply);
      } catch (ZipException e) {
        throw new ProblemException(
            Response.Status.BAD_REQUEST,
            "not-a-zip",
            "the package is no zip archive: " + e.getMessage());
      }
      return Response.status(status(report.outcome())).entity(report).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (spool != null) {
        spool.toFile().delete();
      }
    }
  }

  @POST
  @Path("/{load}/activation")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Activate a load every service staged, again: completes one a failing service left"
              + " partly activated")
  public Response activate(
      @PathParam("load") @Pattern(regexp = LOAD) String load,
      @HeaderParam("Accept-Language") String language) {
    try {
      Loader.Report report = loader(language).activate(load, null, null, List.of());
      return Response.status(status(report.outcome())).entity(report).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @GET
  @Path("/export")
  @Produces("application/zip")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "What every service has loaded, written back as a city package (a zip)")
  public Response export() {
    try {
      ByteArrayOutputStream zip = new ByteArrayOutputStream();
      PackageWriter.toZip(loader(null).export(), zip);
      return Response.ok(zip.toByteArray())
          .header("Content-Disposition", "attachment; filename=\"city-package.zip\"")
          .build();
    } catch (IOException e) {
      // A service that cannot be reached is the system's state, not a fault of this service.
      throw new ProblemException(
          Response.Status.CONFLICT,
          "service-unreachable",
          "the loaded state cannot be exported: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Loader loader(String language) {
    String token = identity.getCredential(AccessTokenCredential.class).getToken();
    Locale locale =
        language != null && language.toLowerCase(Locale.ROOT).startsWith("en")
            ? Locale.ENGLISH
            : Locale.SIMPLIFIED_CHINESE;
    return new Loader(
        new Loader.Services(config.intakeUrl(), config.dispatchUrl(), config.supervisionUrl()),
        () -> token,
        locale);
  }

  // An invalid package is the request's fault; a refusing or unreachable service is not.
  private static int status(Loader.Outcome outcome) {
    return switch (outcome) {
      case INVALID -> 422;
      case REFUSED, PARTLY_ACTIVATED -> 409;
      default -> 200;
    };
  }
}
