package io.casegrid.supervision.accountability;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The accountability record: each step of the ladder taken, with the cases behind it. */
@Path("/api/accountability")
@Tag(name = "accountability")
@Produces(MediaType.APPLICATION_JSON)
public class AccountabilityResource {

  /** One step taken against a department. */
  public record Entry(
      UUID id,
      String departmentCode,
      LocalDate periodStart,
      AccountabilityStep step,
      OffsetDateTime takenAt,
      int overdueCases,
      List<UUID> caseIds) {}

  private final EntityManager entityManager;
  private final ZoneId zone;

  AccountabilityResource(EntityManager entityManager, CityConfig city) {
    this.entityManager = entityManager;
    this.zone = city.zone();
  }

  @GET
  @Operation(summary = "Steps taken, newest first, for one department or all, since a date")
  @RolesAllowed({Roles.SUPERVISOR, Roles.LEADER})
  public List<Entry> list(
      @QueryParam("department") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("since") LocalDate since) {
    Query query =
        entityManager.createNativeQuery(
            "SELECT id, department_code, period_start, step, taken_at, overdue_cases, case_ids"
                + " FROM accountability_record WHERE period_start >= ?1"
                + (department == null ? "" : " AND department_code = ?2")
                + " ORDER BY taken_at DESC, "
                + AccountabilityStep.weightIn("step")
                + " DESC LIMIT 500");
    query.setParameter(1, since == null ? LocalDate.of(1970, 1, 1) : since);
    if (department != null) {
      query.setParameter(2, department);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new Entry(
                    (UUID) r[0],
                    (String) r[1],
                    (LocalDate) r[2],
                    AccountabilityStep.valueOf((String) r[3]),
                    instant(r[4]).atZone(zone).toOffsetDateTime(),
                    ((Number) r[5]).intValue(),
                    Arrays.stream(((String) r[6]).split(","))
                        .filter(s -> !s.isBlank())
                        .map(UUID::fromString)
                        .toList()))
        .toList();
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }
}
