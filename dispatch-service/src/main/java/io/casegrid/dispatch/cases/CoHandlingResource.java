package io.casegrid.dispatch.cases;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Co-handling departments see their tasks and report into the lead department's case. */
@Path("/api")
@Tag(name = "co-handling")
@Produces(MediaType.APPLICATION_JSON)
public class CoHandlingResource {

  /** A co-handler's report. */
  public record Report(@NotBlank @Size(max = 5000) String report) {}

  /** A co-handling task as its department sees it. */
  public record TaskView(
      UUID id,
      UUID caseId,
      String departmentCode,
      CoHandlingTask.State state,
      String report,
      String reportedBy,
      OffsetDateTime createdAt,
      OffsetDateTime closedAt) {}

  private final CoHandling coHandling;
  private final CaseWork work;
  private final Caller caller;
  private final CaseReading reading;
  private final ZoneId zone;

  CoHandlingResource(
      CoHandling coHandling, CaseWork work, CityConfig city, Caller caller, CaseReading reading) {
    this.coHandling = coHandling;
    this.work = work;
    this.zone = city.zone();
    this.caller = caller;
    this.reading = reading;
  }

  @GET
  @Path("/departments/{department}/co-handling")
  @Operation(summary = "A department's open co-handling tasks, oldest first")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD, Roles.DISPATCHER, Roles.SUPERVISOR})
  public List<TaskView> open(
      @PathParam("department") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
    return coHandling.openFor(department, size).stream().map(this::view).toList();
  }

  @POST
  @Path("/departments/{department}/co-handling/{taskId}/report")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Report a co-handler's part into the lead department's case")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public TaskView report(
      @PathParam("department") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @PathParam("taskId") UUID taskId,
      @Valid @NotNull Report report) {
    return view(
        work.reportCoHandling(department, taskId, report.report(), new Actor(caller.name(), null)));
  }

  @GET
  @Path("/cases/{id}/co-handling")
  @Operation(summary = "The co-handling tasks of a case")
  @RolesAllowed({
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.DISPATCHER,
    Roles.SUPERVISOR,
    Roles.INSPECTOR,
    Roles.OPERATOR
  })
  public List<TaskView> ofCase(@PathParam("id") UUID id) {
    reading.readable(id);
    return coHandling.tasksOf(id).stream().map(this::view).toList();
  }

  private TaskView view(CoHandlingTask t) {
    return new TaskView(
        t.id,
        t.caseId,
        t.departmentCode,
        t.state,
        t.report,
        t.reportedBy,
        local(t.createdAt),
        local(t.closedAt));
  }

  private OffsetDateTime local(Instant instant) {
    return QueueItem.local(instant, zone);
  }
}
