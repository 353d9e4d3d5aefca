package io.casegrid.intake.campaigns;

import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.kit.idempotency.Idempotent;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rectification campaigns (专项整治) over HTTP: the supervision centre creates and launches them,
 * inspectors and owners' staff record their items, and everyone who follows the work reads the
 * progress, the blind spots and the weekly bulletin.
 */
@Idempotent
@Path("/api/campaigns")
@Tag(name = "campaigns")
@Produces(MediaType.APPLICATION_JSON)
// Whoever follows a campaign reads it; each command names who may give it.
@RolesAllowed({
  Roles.SUPERVISOR,
  Roles.ADMIN,
  Roles.LEADER,
  Roles.INSPECTOR,
  Roles.DEPARTMENT_STAFF,
  Roles.DEPARTMENT_LEAD
})
public class CampaignResource {

  private static final String CODE = "\\d{16}";
  // The bulletin lists this many overdue rectifications, the oldest first, and counts the rest.
  private static final int OVERDUE_LISTED = 500;

  private final Campaigns campaigns;
  private final CampaignReading reading;
  private final CampaignBulletin bulletin;
  private final Caller caller;

  CampaignResource(
      Campaigns campaigns, CampaignReading reading, CampaignBulletin bulletin, Caller caller) {
    this.campaigns = campaigns;
    this.reading = reading;
    this.bulletin = bulletin;
    this.caller = caller;
  }

  /** A campaign's scope as sent. */
  public record ScopeBody(
      @NotNull @Size(min = 1, max = 50) List<@NotBlank @Size(max = 16) String> categoryCodes,
      @Size(max = 500) List<@NotBlank String> areaCodes,
      @NotNull LocalDate registerAsOf) {}

  /** A campaign's period as sent. */
  public record PeriodBody(
      @NotNull LocalDate startsOn,
      @NotNull LocalDate inspectBy,
      @NotNull LocalDate rectifyBy,
      @NotNull @Min(1) @Max(250) Integer rectificationWorkingDays) {

    CampaignPeriod period() {
      return new CampaignPeriod(startsOn, inspectBy, rectifyBy, rectificationWorkingDays);
    }
  }

  /** A new campaign as sent. */
  public record CreateBody(
      @NotBlank @Size(max = 200) String name,
      @NotNull @Valid ScopeBody scope,
      @NotNull @Valid PeriodBody period,
      @Size(max = 50) List<@Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}") String> defectKinds) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
  @Operation(summary = "Create a rectification campaign (not yet launched)")
  public Response create(@Valid @NotNull CreateBody body) {
    Campaign c =
        campaigns.create(
            new Campaigns.Plan(
                body.name(),
                new CampaignScope(
                    body.scope().categoryCodes(),
                    body.scope().areaCodes(),
                    body.scope().registerAsOf()),
                body.period().period(),
                body.defectKinds()),
            caller.name());
    return Response.created(URI.create("/api/campaigns/" + c.id()))
        .entity(reading.summary(c.id()))
        .build();
  }

  @GET
  @Transactional
  @Operation(summary = "The campaigns, the newest first")
  public List<CampaignReading.Summary> all() {
    return reading.all();
  }

  @GET
  @Path("/{id}")
  @Transactional
  @Operation(summary = "A campaign: its scope, period, state and the size of its ledger")
  public CampaignReading.Summary one(@PathParam("id") UUID id) {
    return reading.summary(id);
  }

  @POST
  @Path("/{id}/launch")
  @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
  @Operation(
      summary =
          "Launch a campaign: one inspection item for every asset in scope, from the register as"
              + " it stands")
  public CampaignReading.Summary launch(@PathParam("id") UUID id) {
    campaigns.launch(id, caller.name());
    return reading.summary(id);
  }

  @PUT
  @Path("/{id}/period")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
  @Operation(summary = "Move a campaign's deadlines (extend it, or close its inspection)")
  public CampaignReading.Summary amend(@PathParam("id") UUID id, @Valid @NotNull PeriodBody body) {
    campaigns.amendPeriod(id, body.period());
    return reading.summary(id);
  }

  @POST
  @Path("/{id}/end")
  @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
  @Operation(summary = "End an active campaign early: it takes no more results")
  public CampaignReading.Summary end(@PathParam("id") UUID id) {
    campaigns.end(id, caller.name());
    return reading.summary(id);
  }

  @GET
  @Path("/{id}/items")
  @Transactional
  @Operation(
      summary =
          "The campaign's items, the nearest to a point first: staff see their department's only")
  public List<CampaignReading.ItemView> items(
      @PathParam("id") UUID id,
      @QueryParam("responsible")
          @Pattern(
              regexp = "[A-Z][A-Z0-9_-]{0,39}|TERRITORIAL:\\d{9}",
              message = "must be a department's code or TERRITORIAL: and a street's code")
          String responsible,
      @QueryParam("grid") @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}") String grid,
      @QueryParam("toInspect") @Pattern(regexp = "true|false") String toInspect,
      @QueryParam("latitude") @DecimalMin("-90") @DecimalMax("90") Double latitude,
      @QueryParam("longitude") @DecimalMin("-180") @DecimalMax("180") Double longitude,
      @QueryParam("page") @Min(0) @Max(100_000) Integer page,
      @QueryParam("size") @Min(1) @Max(500) Integer size) {
    String party = caller.isBoundToDepartment() ? caller.ownDepartment() : responsible;
    int n = size == null ? 50 : size;
    return reading.items(
        id,
        party,
        grid,
        "true".equals(toInspect),
        latitude,
        longitude,
        (page == null ? 0 : page) * n,
        n);
  }

  /** An inspection result as sent. */
  public record ResultBody(
      @NotNull InspectionResult.Condition condition,
      @Size(max = 40) String defectKind,
      @Size(max = 2000) String note,
      @Size(max = 20) List<@NotBlank @Size(max = 2000) String> photos,
      @NotNull @Valid RegisterCase.Position position,
      @Size(max = 64) String ownerFound) {

    InspectionResult result() {
      return new InspectionResult(
          condition,
          defectKind,
          note == null || note.isBlank() ? null : note.strip(),
          photos == null ? List.of() : photos,
          position.latitude(),
          position.longitude(),
          ownerFound);
    }
  }

  @POST
  @Path("/{id}/items/{assetCode}/result")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.INSPECTOR, Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  @Operation(
      summary =
          "Record an item's inspection: OK, or a defect (which becomes a case of the campaign),"
              + " with photos, position, and the owner found if the register's is wrong")
  public Response inspect(
      @PathParam("id") UUID id,
      @PathParam("assetCode") @Pattern(regexp = CODE) String assetCode,
      @Valid @NotNull ResultBody body) {
    Campaigns.Recorded recorded = campaigns.inspect(id, assetCode, body.result(), actor());
    return Response.status(Response.Status.CREATED).entity(recorded).build();
  }

  /** An owner's answer as sent. */
  public record OwnershipBody(@NotNull Boolean confirmed) {}

  @POST
  @Path("/{id}/items/{assetCode}/ownership")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD, Roles.ADMIN})
  @Operation(
      summary =
          "The owner the inspector found answers: confirmed, the register is corrected; refused,"
              + " the item goes back to the register's owner")
  public Map<String, Object> ownership(
      @PathParam("id") UUID id,
      @PathParam("assetCode") @Pattern(regexp = CODE) String assetCode,
      @Valid @NotNull OwnershipBody body) {
    campaigns.answerOwnership(id, assetCode, body.confirmed(), actor());
    return Map.of("assetCode", assetCode, "confirmed", body.confirmed());
  }

  /** A cover found that the register lacks, as sent. */
  public record FoundBody(
      @NotBlank @Size(max = 16) String categoryCode,
      @NotNull InspectionResult.Condition condition,
      @Size(max = 40) String defectKind,
      @Size(max = 2000) String note,
      @Size(max = 20) List<@NotBlank @Size(max = 2000) String> photos,
      @NotNull @Valid RegisterCase.Position position,
      @Size(max = 64) String ownerCode) {}

  @POST
  @Path("/{id}/found-assets")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.INSPECTOR, Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  @Operation(summary = "Record a cover found that is not in the register: pending confirmation")
  public Response found(@PathParam("id") UUID id, @Valid @NotNull FoundBody body) {
    UUID found =
        campaigns.recordFound(
            id,
            new Campaigns.Found(
                body.categoryCode(),
                new InspectionResult(
                    body.condition(),
                    body.defectKind(),
                    body.note(),
                    body.photos() == null ? List.of() : body.photos(),
                    body.position().latitude(),
                    body.position().longitude(),
                    null),
                body.ownerCode()),
            actor());
    return Response.created(URI.create("/api/campaigns/" + id + "/found-assets/" + found))
        .entity(Map.of("id", found, "state", "PENDING"))
        .build();
  }

  /** The answer to a found cover as sent. */
  public record FoundAnswerBody(
      @NotNull Boolean confirmed,
      @Pattern(regexp = CODE, message = "must be a 16-digit component code") String assetCode,
      @Size(max = 64) String ownerCode) {}

  @POST
  @Path("/{id}/found-assets/{found}/confirmation")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD, Roles.ADMIN})
  @Operation(
      summary =
          "Confirm a found cover into the register and the ledger under its code, or reject it")
  public Map<String, Object> confirm(
      @PathParam("id") UUID id,
      @PathParam("found") UUID found,
      @Valid @NotNull FoundAnswerBody body) {
    return campaigns
        .answerFound(id, found, body.confirmed(), body.assetCode(), body.ownerCode(), actor())
        .<Map<String, Object>>map(
            c ->
                c.caseId() == null
                    ? Map.of("state", "CONFIRMED", "assetCode", c.assetCode())
                    : Map.of(
                        "state", "CONFIRMED", "assetCode", c.assetCode(), "caseId", c.caseId()))
        .orElse(Map.of("state", "REJECTED"));
  }

  @GET
  @Path("/{id}/progress")
  @Transactional
  @Operation(
      summary =
          "Progress by owner, district, street or grid: in scope, inspected, defects, rectified,"
              + " overdue, blind spots")
  public CampaignReading.Report progress(
      @PathParam("id") UUID id, @QueryParam("groupBy") CampaignReading.GroupBy groupBy) {
    return reading.progress(id, groupBy == null ? CampaignReading.GroupBy.OWNER : groupBy);
  }

  @GET
  @Path("/{id}/blind-spots")
  @Transactional
  @Operation(summary = "The items not inspected by the inspection deadline (盲点)")
  public List<CampaignReading.ItemView> blindSpots(
      @PathParam("id") UUID id,
      @QueryParam("page") @Min(0) @Max(100_000) Integer page,
      @QueryParam("size") @Min(1) @Max(1000) Integer size) {
    int n = size == null ? 200 : size;
    return reading.blindSpots(id, (page == null ? 0 : page) * n, n);
  }

  @GET
  @Path("/{id}/blind-spots")
  @Transactional
  @Produces("application/geo+json")
  @Operation(summary = "The blind spots as a GeoJSON FeatureCollection of points, for the map")
  public Map<String, Object> blindSpotsOnTheMap(
      @PathParam("id") UUID id,
      @QueryParam("page") @Min(0) @Max(100_000) Integer page,
      @QueryParam("size") @Min(1) @Max(10_000) Integer size) {
    int n = size == null ? 2000 : size;
    return Map.of(
        "type",
        "FeatureCollection",
        "features",
        reading.blindSpots(id, (page == null ? 0 : page) * n, n).stream()
            .map(
                i ->
                    Map.of(
                        "type",
                        "Feature",
                        "geometry",
                        Map.of(
                            "type", "Point", "coordinates", List.of(i.longitude(), i.latitude())),
                        "properties",
                        Map.of(
                            "assetCode", i.assetCode(),
                            "categoryCode", i.categoryCode(),
                            "responsibleCode", i.responsibleCode(),
                            "gridCode", i.gridCode())))
            .toList());
  }

  @GET
  @Path("/{id}/bulletins/weekly")
  @Transactional
  @Produces({"text/html", "text/csv"})
  @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.LEADER})
  @Operation(
      summary =
          "The campaign's weekly bulletin (每周督导汇总), naming the departments behind schedule, as"
              + " HTML or CSV")
  public Response weekly(
      @PathParam("id") UUID id,
      @QueryParam("format") @Pattern(regexp = "html|csv") String format,
      @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
    boolean csv =
        "csv".equals(format)
            || (format == null
                && headers.getAcceptableMediaTypes().stream()
                    .anyMatch(m -> "csv".equals(m.getSubtype())));
    CampaignReading.Report report = reading.progress(id, CampaignReading.GroupBy.OWNER);
    List<CampaignReading.OverdueRectification> overdue = reading.overdue(id, OVERDUE_LISTED);
    return csv
        ? Response.ok(bulletin.csv(report, overdue), "text/csv; charset=UTF-8")
            .header("Content-Disposition", "attachment; filename=\"campaign-" + id + ".csv\"")
            .build()
        : Response.ok(bulletin.html(report, overdue), "text/html; charset=UTF-8").build();
  }

  private Campaigns.Actor actor() {
    return new Campaigns.Actor(
        caller.name(), caller.isBoundToDepartment() ? caller.ownDepartment() : null);
  }
}
