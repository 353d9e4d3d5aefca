package io.casegrid.dispatch.cases;

import io.casegrid.events.Urgency;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A department reads its own queue; anyone may look up where a case went. */
@Path("/api")
@Tag(name = "queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

  // A case's number as intake gives it to the citizen and operators read it out on the phone.
  private static final String CASE_NUMBER = "\\d{8,20}";

  private final QueueReading queues;
  private final CaseReading reading;

  QueueResource(QueueReading queues, CaseReading reading) {
    this.queues = queues;
    this.reading = reading;
  }

  /** How a department may narrow its queue. */
  public static final class QueueFilter {
    @QueryParam("state")
    CaseState state;

    @QueryParam("urgency")
    Urgency urgency;

    @QueryParam("category")
    @Pattern(regexp = "[A-Z0-9]{2,16}")
    String category;

    @QueryParam("area")
    @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}")
    String area;

    @QueryParam("dueBefore")
    OffsetDateTime dueBefore;

    @QueryParam("number")
    @Pattern(regexp = CASE_NUMBER)
    String number;

    QueueReading.Filter filter() {
      return new QueueReading.Filter(
          state, urgency, category, area, dueBefore == null ? null : dueBefore.toInstant(), number);
    }
  }

  /**
   * Whose cases a queue shows: the department's own, or with those of every department below it
   * (its branches, bureaus or streets), for its lead, dispatchers and the supervision centre.
   */
  public enum Scope {
    OWN,
    WITH_SUB_DEPARTMENTS
  }

  @GET
  @Path("/departments/{code}/queue")
  @Operation(
      summary =
          "A department's queue, most urgent deadline first; open cases unless a state is given."
              + " Filter by urgency, category, area (district, street, community or grid code) and"
              + " due time, or to one case by its number; scope WITH_SUB_DEPARTMENTS adds the queues"
              + " of the departments below it")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD, Roles.DISPATCHER, Roles.SUPERVISOR})
  public QueueReading.Page queue(
      @PathParam("code") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @BeanParam @Valid QueueFilter filter,
      @QueryParam("scope") @DefaultValue("OWN") Scope scope,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    return queues.queue(
        reading.queuesOf(department, scope == Scope.WITH_SUB_DEPARTMENTS),
        filter.filter(),
        page,
        size);
  }

  @GET
  @Path("/departments/{code}/queue/counts")
  @Operation(
      summary =
          "How many of a department's cases are in each state, with those of the departments"
              + " below it for scope WITH_SUB_DEPARTMENTS")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD, Roles.DISPATCHER, Roles.SUPERVISOR})
  public Map<CaseState, Long> counts(
      @PathParam("code") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("scope") @DefaultValue("OWN") Scope scope) {
    return queues.counts(reading.queuesOf(department, scope == Scope.WITH_SUB_DEPARTMENTS));
  }

  @GET
  @Path("/verification-tasks")
  @Operation(
      summary =
          "Repairs waiting for verification, oldest first: the hotline's (citizens' cases) or a"
              + " grid inspector's (by grid or area code), or one case by its number")
  @RolesAllowed({Roles.INSPECTOR, Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR})
  public QueueReading.Page verificationTasks(
      @QueryParam("verifier") @DefaultValue("GRID_INSPECTOR") Verifier verifier,
      @QueryParam("area") @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}") String area,
      @QueryParam("number") @Pattern(regexp = CASE_NUMBER) String number,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    return queues.verificationTasks(verifier, area, number, page, size);
  }

  @GET
  @Path("/arbitration")
  @Operation(summary = "Cases no rule could place, waiting for a dispatcher")
  @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR})
  public QueueReading.Page arbitration(
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    return queues.arbitration(page, size);
  }

  @GET
  @Path("/cases/{id}")
  @Operation(summary = "Where a case went and why")
  @RolesAllowed({
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.DISPATCHER,
    Roles.SUPERVISOR,
    Roles.INSPECTOR,
    Roles.OPERATOR
  })
  public QueueItem get(@PathParam("id") UUID id) {
    return queues.item(reading.readable(id));
  }
}
