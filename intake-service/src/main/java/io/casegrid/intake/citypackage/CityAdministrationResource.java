package io.casegrid.intake.citypackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.citypackage.CityPackage;
import io.casegrid.citypackage.Edits;
import io.casegrid.citypackage.Loader;
import io.casegrid.citypackage.Parts;
import io.casegrid.kit.idempotency.Idempotent;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the administrator's console reads and changes of the loaded city, through intake alone (the
 * console's page may only call the service that serves it): everything the three services have
 * loaded, read back through each one's own export; one routing rule or one calendar day changed,
 * which is written into the loaded city and loaded as a package, with the same check, diff and
 * activation in all services ({@code apply=false} only checks and shows the diff); and dispatch's
 * routing preview, asked on the administrator's behalf.
 */
@Idempotent
@Path("/api/admin/city")
@Tag(name = "administration")
@Produces(MediaType.APPLICATION_JSON)
public class CityAdministrationResource {

  /** A routing rule as the administrator writes it; the package's rules check the rest. */
  public record RuleEdit(
      @NotBlank @Pattern(regexp = "[A-Z0-9]{2,16}") String categoryCode,
      @Pattern(regexp = "\\d{6}") String districtCode,
      @Pattern(regexp = "[A-Z0-9_-]{2,64}") String departmentCode,
      @Pattern(regexp = "STREET|COMMUNITY") String territorialOffice,
      @Size(max = 20) List<@Pattern(regexp = "[A-Z0-9_-]{2,64}") String> coHandlerCodes,
      OffsetDateTime effectiveFrom) {}

  /** A day of the calendar, made a holiday, a make-up working day, or ordinary again. */
  public record DayEdit(
      @NotNull LocalDate date, @NotNull Edits.DayKind kind, @Size(max = 100) String name) {}

  /** The facts dispatch's routing preview looks at. */
  public record PreviewQuestion(
      @NotBlank @Pattern(regexp = "[A-Z0-9]{2,16}") String categoryCode,
      @Pattern(regexp = "\\d{6}") String districtCode,
      @Pattern(regexp = "\\d{9}") String streetCode,
      @Pattern(regexp = "\\d{12}") String communityCode,
      @Pattern(regexp = "[A-Z0-9_-]{2,64}") String assetOwnerCode,
      OffsetDateTime at) {}

  private final AdminLoader admin;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  CityAdministrationResource(AdminLoader admin, ObjectMapper json) {
    this.admin = admin;
    this.json = json;
  }

  @GET
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Everything the three services have loaded: areas, assets, categories, departments,"
              + " territories, routing rules, calendar, policies, ladder, weights and sensor rules")
  public Map<String, ObjectNode> loaded() {
    Parts.Split parts = exported();
    return Map.of(
        "intake", parts.intake(), "dispatch", parts.dispatch(), "supervision", parts.supervision());
  }

  @POST
  @Path("/routing-rules")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Put one routing rule (replacing that of the same category, district and date) and load"
              + " the city so changed; apply=false checks it and shows the diff only")
  public Response routingRule(
      @Valid @NotNull RuleEdit rule,
      @QueryParam("apply") boolean apply,
      @HeaderParam("Accept-Language") String language) {
    Parts.Split parts = exported();
    ObjectNode written = json.valueToTree(rule);
    // What the administrator left out is absent from the rule, as in a package's file.
    written.properties().removeIf(field -> field.getValue().isNull());
    Edits.routingRule(parts, written);
    return load(parts, apply, language);
  }

  @POST
  @Path("/calendar-days")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Make one day a holiday, a make-up working day or ordinary, and load the city so"
              + " changed; apply=false checks it and shows the diff only")
  public Response calendarDay(
      @Valid @NotNull DayEdit day,
      @QueryParam("apply") boolean apply,
      @HeaderParam("Accept-Language") String language) {
    Parts.Split parts = exported();
    Edits.calendarDay(parts, day.date().toString(), day.kind(), day.name());
    return load(parts, apply, language);
  }

  @POST
  @Path("/routing-preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Dispatch's routing preview: where a case would go, and the chain of rules")
  public Response routingPreview(@Valid @NotNull PreviewQuestion question) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(admin.config().dispatchUrl() + "/api/routing/preview"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + admin.token())
                  .header("Content-Type", MediaType.APPLICATION_JSON)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(question)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Response.status(answer.statusCode())
          .type(answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON))
          .entity(answer.body())
          .build();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Parts.Split exported() {
    try {
      return admin.loader(null).exported();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Response load(Parts.Split parts, boolean apply, String language) {
    try (CityPackage p = Edits.asPackage(parts)) {
      Loader.Report report = admin.loader(language).load(p, apply);
      return Response.status(AdminLoader.status(report.outcome())).entity(report).build();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // A service that cannot be reached is the system's state, not a fault of this service.
  private static ProblemException unreachable(IOException e) {
    return new ProblemException(
        Response.Status.CONFLICT,
        "service-unreachable",
        "a service holding part of the city cannot be reached: " + e.getMessage());
  }
}
