package io.casegrid.supervision.policy;

import io.casegrid.events.Urgency;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.idempotency.Idempotent;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Supervision's rules read back as loaded — the deadline policies, the working calendar, the
 * escalation ladder — and the deadline preview: given a category, an urgency and a filing moment,
 * the deadlines the policy and the calendar give, so that an administrator can check a calendar and
 * an operator can tell a caller when to expect an answer.
 */
@Idempotent
@Path("/api")
@Tag(name = "rules")
@Produces(MediaType.APPLICATION_JSON)
// Every member of staff reads the rules; the ladder alone is narrower (its method says so).
@RolesAllowed({
  Roles.OPERATOR,
  Roles.INSPECTOR,
  Roles.DISPATCHER,
  Roles.DEPARTMENT_STAFF,
  Roles.DEPARTMENT_LEAD,
  Roles.SUPERVISOR,
  Roles.LEADER,
  Roles.ADMIN
})
public class RulesResource {

  /** A case about to be filed: its category, urgency, and when (now if absent). */
  public record PreviewQuestion(
      @NotNull @Pattern(regexp = "[A-Z0-9]{2,16}") String categoryCode,
      @NotNull Urgency urgency,
      OffsetDateTime filedAt) {}

  /**
   * The deadlines a case filed then would get, in the city's time, counted from the filing moment
   * as if it were dispatched at once (the clock starts at dispatch); the policy that gives them.
   */
  public record Preview(
      String policy,
      DeadlinePolicy rule,
      OffsetDateTime clockStartedAt,
      OffsetDateTime signDueAt,
      OffsetDateTime makeSafeDueAt,
      OffsetDateTime warningAt,
      OffsetDateTime resolveDueAt) {}

  private final RulesReading reading;
  private final SupervisionRules rules;
  private final ZoneId zone;

  RulesResource(RulesReading reading, SupervisionRules rules, CityConfig city) {
    this.reading = reading;
    this.rules = rules;
    this.zone = city.zone();
  }

  @GET
  @Path("/deadline-policies")
  @Transactional
  @Operation(
      summary =
          "The deadline policies (time limits per category and urgency, the defaults first) and"
              + " the supervision orders' response limit")
  public RulesReading.Policies policies() {
    return reading.policies();
  }

  @GET
  @Path("/calendar")
  @Transactional
  @Operation(
      summary =
          "The working calendar: working periods, weekend, and the holidays and make-up working"
              + " days of one year (year) or of all")
  public RulesReading.Calendar calendar(@QueryParam("year") @Min(1900) @Max(2999) Integer year) {
    return reading.calendar(year);
  }

  @GET
  @Path("/escalation-ladder")
  @Transactional
  @RolesAllowed({
    Roles.DISPATCHER,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.SUPERVISOR,
    Roles.LEADER,
    Roles.ADMIN
  })
  @Operation(summary = "The escalation ladder (问责阶梯): its period and rungs")
  public RulesReading.Ladder ladder() {
    return reading.ladder();
  }

  @POST
  @Path("/deadline-preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Transactional
  @Operation(
      summary =
          "The deadlines the policy and the calendar give a case of a category and urgency filed"
              + " at a moment (now if absent), counted as if dispatched at once")
  public Preview preview(@Valid @NotNull PreviewQuestion question) {
    SupervisionRules.Rules now = rules.current();
    DeadlinePolicy policy =
        now.policies()
            .policyFor(question.categoryCode(), question.urgency())
            .orElseThrow(
                () ->
                    ProblemException.invalidField(
                        "no-deadline-policy",
                        "categoryCode",
                        "no deadline policy covers "
                            + question.categoryCode()
                            + " at "
                            + question.urgency()
                            + ", nor a default for that urgency"));
    if (now.calculator() == null) {
      throw new ProblemException(
          Response.Status.CONFLICT,
          "no-calendar",
          "no working calendar is loaded, so no deadline can be counted");
    }
    Instant start = question.filedAt() == null ? Instant.now() : question.filedAt().toInstant();
    DeadlinePolicy.Deadlines d;
    try {
      d = policy.deadlinesFrom(start, now.calculator());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ProblemException.invalidField("deadline-not-countable", "filedAt", e.getMessage());
    }
    return new Preview(
        policy.reference(),
        policy,
        local(start),
        local(d.signDueAt()),
        local(d.makeSafeDueAt()),
        local(d.warningAt()),
        local(d.resolveDueAt()));
  }

  private OffsetDateTime local(Instant instant) {
    return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
  }
}
