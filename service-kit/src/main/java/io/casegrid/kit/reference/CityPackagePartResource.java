package io.casegrid.kit.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.problem.Problem;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.problem.RequestSizeLimit;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A service's end of loading a city package: it exports what it has loaded as its part, stages a
 * part under a load id after checking it by its own rules (nothing changes), tells whether it has a
 * load staged, and activates a staged load — all of the part or nothing, replacing what it had. The
 * loader (the command, or intake's {@code /api/admin/city-packages}) stages a load in every service
 * and activates it only once all three have it; see {@code docs/CITY-PACKAGE.md}.
 */
@Path(CityPackagePartResource.PATH)
@Tag(name = "administration")
public class CityPackagePartResource {

  /** The export and the root of staging. */
  public static final String PATH = "/api/admin/city-package";

  /** The upload route of a part, as {@code casegrid.http.uploads.city-package.path} names it. */
  public static final String STAGING = PATH + "/staging";

  /** The media type of a part. */
  public static final String PART_TYPE = "application/vnd.casegrid.city-part+json";

  private static final String LOAD = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 22).build());
  }

  /** A load as this service has it. */
  public record Staged(
      UUID load, String digest, StagedParts.State state, Instant stagedAt, Instant activatedAt) {}

  private final CityPart part;
  private final StagedParts parts;
  private final RequestSizeLimit limits;
  private final Caller caller;

  CityPackagePartResource(
      CityPart part, StagedParts parts, RequestSizeLimit limits, Caller caller) {
    this.part = part;
    this.parts = parts;
    this.limits = limits;
    this.caller = caller;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "What this service has loaded, as its part of a city package (the export)")
  public ObjectNode export() {
    return QuarkusTransaction.requiringNew().call(part::export);
  }

  @PUT
  @Path("/staging")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Stage this service's part of a city package ("
              + PART_TYPE
              + ") under a load id,"
              + " after checking it by the service's rules; nothing takes effect")
  public Staged stage(
      @HeaderParam("Content-Type") String contentType,
      @QueryParam("load") @NotNull @Pattern(regexp = LOAD) String load,
      InputStream body) {
    String media = contentType == null ? "" : contentType.split(";")[0].strip();
    if (!media.toLowerCase(Locale.ROOT).equals(PART_TYPE)) {
      throw new ProblemException(
          Response.Status.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type",
          "a part of a city package is " + PART_TYPE);
    }
    UUID id = UUID.fromString(load);
    byte[] bytes;
    JsonNode content;
    try {
      bytes = limits.limited(body, STAGING).readAllBytes();
      content = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST,
          "not-json",
          "the part is no JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (content == null || !content.isObject()) {
      throw new ProblemException(Response.Status.BAD_REQUEST, "not-a-part", "a part is an object");
    }
    List<DomainException.Violation> problems = checkedAndRolledBack(content);
    if (!problems.isEmpty()) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST,
          "invalid-city-package-part",
          "the part has " + problems.size() + " problems; nothing was staged",
          problems.stream()
              .limit(1000)
              .map(v -> new Problem.FieldError(v.field(), v.message()))
              .toList());
    }
    if (parts.find(id).filter(p -> p.state() != StagedParts.State.STAGED).isPresent()) {
      throw new ProblemException(
          Response.Status.CONFLICT, "load-activated", "the load " + id + " was activated already");
    }
    parts.stage(id, digest(bytes), new String(bytes, StandardCharsets.UTF_8), caller.name());
    return staged(id);
  }

  @GET
  @Path("/staging/{load}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Whether this service has a load staged, active or superseded")
  public Staged staging(@PathParam("load") @Pattern(regexp = LOAD) String load) {
    return staged(UUID.fromString(load));
  }

  @POST
  @Path("/staging/{load}/activation")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Put a staged load in effect, replacing this service's reference data, all or nothing;"
              + " a load already active changes nothing")
  public Staged activate(@PathParam("load") @Pattern(regexp = LOAD) String load) {
    UUID id = UUID.fromString(load);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              StagedParts.Part staged =
                  parts.find(id).orElseThrow(() -> ProblemException.notFound("load " + id));
              if (staged.state() == StagedParts.State.ACTIVE) {
                return;
              }
              if (staged.state() == StagedParts.State.SUPERSEDED) {
                throw new ProblemException(
                    Response.Status.CONFLICT,
                    "load-superseded",
                    "the load " + id + " was replaced by a later one");
              }
              try {
                part.apply(JSON.readTree(staged.content()));
              } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
              }
              parts.activated(id);
            });
    return staged(id);
  }

  // A part is checked in a transaction that is always rolled back, so that a service may check it
  // by loading it.
  private List<DomainException.Violation> checkedAndRolledBack(JsonNode content) {
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                throw new Checked(part.check(content));
              });
    } catch (Checked checked) {
      return checked.problems;
    }
    throw new IllegalStateException("a check always ends by rolling back");
  }

  /** The outcome of a check, thrown to roll its transaction back. */
  private static final class Checked extends RuntimeException {
    private final transient List<DomainException.Violation> problems;

    Checked(List<DomainException.Violation> problems) {
      super(null, null, false, false);
      this.problems = problems;
    }
  }

  private Staged staged(UUID id) {
    StagedParts.Part p =
        QuarkusTransaction.requiringNew()
            .call(() -> parts.find(id))
            .orElseThrow(() -> ProblemException.notFound("load " + id));
    return new Staged(p.load(), p.digest(), p.state(), p.stagedAt(), p.activatedAt());
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
