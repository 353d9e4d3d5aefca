package io.casegrid.intake.sensors;

import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.ratelimit.RateLimited;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sensor gateways post alarms over HTTP (the Kafka topic takes the same); administrators set rules.
 */
@Path("/api")
@Tag(name = "sensors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SensorResource {

  private final SensorAlarms alarms;

  SensorResource(SensorAlarms alarms) {
    this.alarms = alarms;
  }

  @POST
  @Path("/sensor-alarms")
  @Operation(
      summary =
          "A batch of sensor alarms (at most 1000); each is kept once by its id. 202 with what became"
              + " of them")
  @RolesAllowed(Roles.SENSOR_GATEWAY)
  @RateLimited("sensor-alarms")
  public Response post(
      @NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull SensorAlarm> batch) {
    return Response.accepted(alarms.accept(batch)).build();
  }

  /** The rules, one per alarm kind at most; an empty list removes them all. */
  public record SensorRules(@NotNull @Size(max = 7) List<@Valid @NotNull SensorRule> rules) {}

  @GET
  @Path("/admin/sensor-rules")
  @Transactional
  @Operation(summary = "The rules in force: per alarm kind, the threshold and the debounce time")
  @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
  public SensorRules currentRules() {
    return new SensorRules(alarms.currentRules());
  }

  @PUT
  @Path("/admin/sensor-rules")
  @Operation(summary = "Replace the rules: per alarm kind, the threshold and the debounce time")
  @RolesAllowed(Roles.ADMIN)
  public SensorRules rules(@Valid @NotNull SensorRules rules) {
    if (rules.rules().stream().map(SensorRule::kind).distinct().count() < rules.rules().size()) {
      throw ProblemException.invalidField(
          "duplicate-rule", "rules", "gives more than one rule for an alarm kind");
    }
    alarms.loadRules(rules.rules());
    return rules;
  }
}
