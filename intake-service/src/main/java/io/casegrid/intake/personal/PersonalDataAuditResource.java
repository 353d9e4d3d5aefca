package io.casegrid.intake.personal;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The supervision centre and administrators read who saw which citizen's personal data. */
@Path("/api/audit/personal-data")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class PersonalDataAuditResource {

  /** One read of a reporter's unmasked data, in the city's time. */
  public record AccessView(
      OffsetDateTime accessedAt, String user, UUID caseId, PersonalDataAccess.Action action) {}

  private final PersonalDataAudit audit;
  private final CityConfig city;

  PersonalDataAuditResource(PersonalDataAudit audit, CityConfig city) {
    this.audit = audit;
    this.city = city;
  }

  @GET
  @Operation(
      summary =
          "Who read citizens' unmasked personal data, newest first; filter by case, user and"
              + " since (an ISO date-time, or a date in the city's zone)")
  @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
  public List<AccessView> trail(
      @QueryParam("case") String caseId,
      // User names as identity providers issue them; anything else cannot name a user.
      @QueryParam("user") @Pattern(regexp = "[\\p{L}\\p{N}._@-]{1,100}") String user,
      @QueryParam("since") String since,
      @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
    return audit.trail(uuid(caseId), user, instant(since), limit).stream()
        .map(
            a ->
                new AccessView(
                    a.accessedAt.atZone(city.zone()).toOffsetDateTime(),
                    a.userName,
                    a.caseId,
                    a.action))
        .toList();
  }

  private static UUID uuid(String caseId) {
    if (caseId == null || caseId.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(caseId);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField("invalid-case", "case", "must be a case id (a UUID)");
    }
  }

  private Instant instant(String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(since).toInstant();
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(since).atStartOfDay(city.zone()).toInstant();
      } catch (DateTimeParseException notADate) {
        throw ProblemException.invalidField(
            "invalid-since", "since", "must be an ISO date-time with offset, or a date");
      }
    }
  }
}
