package io.casegrid.dispatch.cases;

import io.casegrid.events.RequestKind;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.idempotency.Idempotent;
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
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/**
 * The work on a case: a department signs, returns and reports back; a dispatcher places what
 * routing could not; an inspector verifies. A command may carry an {@code Idempotency-Key}: retried
 * with the same key it has one effect. The actor is the authenticated user; staff act only for
 * their own department.
 */
@Path("/api")
@Tag(name = "work")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Idempotent
public class WorkResource {

  private static final String DEPARTMENT = "[A-Z0-9_-]{2,64}";

  /** A department's report that it handled the case. */
  public record Resolution(@NotBlank @Size(max = 5000) String result) {}

  /** "Not ours" (退单): a reason code, the reason, and the right owner where known. */
  public record Return(
      @NotBlank @Pattern(regexp = "[A-Z_]{2,40}") String reasonCode,
      @NotBlank @Size(max = 2000) String reason,
      @Pattern(regexp = DEPARTMENT) String suggestedOwnerCode) {}

  /**
   * "The asset is theirs" (移交权属单位): the owner the department found, the asset (the case's own if
   * absent), and why.
   */
  public record Referral(
      @NotBlank @Pattern(regexp = DEPARTMENT) String ownerCode,
      @Pattern(regexp = "\\d{16}", message = "must be a 16-digit component code") String assetCode,
      @NotBlank @Size(max = 2000) String reason) {}

  /** A referral as made: where the case went, and what the asset register said. */
  public record ReferralView(
      UUID id,
      UUID caseId,
      String departmentCode,
      String ownerCode,
      String assetCode,
      String registeredOwnerCode,
      String reason,
      String referredBy,
      OffsetDateTime referredAt) {}

  /** A dispatcher's placement of a case, with the reason. */
  public record Assignment(
      @NotBlank @Pattern(regexp = DEPARTMENT) String departmentCode,
      @NotBlank @Size(max = 2000) String reason) {}

  /** A department's request for an extension (with the new date) or to park the case. */
  public record RequestForApproval(
      @NotNull RequestKind kind, @NotBlank @Size(max = 2000) String reason, OffsetDateTime until) {}

  /** A dispatcher's decision on a request. */
  public record Decision(@NotNull Boolean approved, @NotBlank @Size(max = 2000) String reason) {}

  /** A request as the dispatcher's approval queue shows it. */
  public record RequestView(
      UUID id,
      UUID caseId,
      String caseNumber,
      RequestKind kind,
      ApprovalRequest.Status status,
      String departmentCode,
      String reason,
      OffsetDateTime until,
      String requestedBy,
      OffsetDateTime requestedAt,
      String decidedBy,
      String decisionReason,
      OffsetDateTime decidedAt) {}

  /** A department's answer to a supervision order: what it did and will do, by when. */
  public record OrderAnswer(@NotBlank @Size(max = 5000) String answer) {}

  /** An inspector's verdict; a failed check needs a reason. */
  public record Verification(@NotNull Boolean passed, @Size(max = 2000) String reason) {}

  /**
   * A command, with the {@code Idempotency-Key} it may carry: retried with the same key it has one
   * effect. Keys are each user's own: another user's retry with the same key is a command of its
   * own.
   */
  public static class Command {
    @HeaderParam("Idempotency-Key")
    @Size(max = 100)
    String key;

    Actor actor(Caller caller) {
      return new Actor(caller.name(), key == null ? null : caller.name() + "/" + key);
    }
  }

  /** A department's command on one of its cases: the department and the case are in the path. */
  public static class CaseCommand extends Command {
    @PathParam("department")
    @Pattern(regexp = DEPARTMENT)
    String department;

    @PathParam("id")
    UUID id;
  }

  private final CaseWork work;
  private final Timeline timeline;
  private final QueueReading queues;
  private final ZoneId zone;
  private final Caller caller;
  private final CaseReading reading;

  WorkResource(
      CaseWork work,
      Timeline timeline,
      QueueReading queues,
      CityConfig city,
      Caller caller,
      CaseReading reading) {
    this.work = work;
    this.timeline = timeline;
    this.queues = queues;
    this.zone = city.zone();
    this.caller = caller;
    this.reading = reading;
  }

  private QueueItem view(DispatchCase c) {
    return queues.item(c);
  }

  private RequestView view(ApprovalRequest r) {
    return view(r, queues.caseNumberOf(r));
  }

  private RequestView view(ApprovalRequest r, String caseNumber) {
    return new RequestView(
        r.id,
        r.caseId,
        caseNumber,
        r.kind,
        r.status,
        r.departmentCode,
        r.reason,
        local(r.until),
        r.requestedBy,
        local(r.requestedAt),
        r.decidedBy,
        r.decisionReason,
        local(r.decidedAt));
  }

  private OffsetDateTime local(Instant instant) {
    return QueueItem.local(instant, zone);
  }

  @POST
  @Path("/departments/{department}/cases/{id}/sign")
  @Operation(summary = "Sign for a case (签收)")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public QueueItem sign(@BeanParam @Valid CaseCommand command) {
    return view(work.sign(command.department, command.id, command.actor(caller)));
  }

  @POST
  @Path("/departments/{department}/cases/{id}/resolve")
  @Operation(summary = "Report the case handled (处理反馈); it goes to verification")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public QueueItem resolve(
      @BeanParam @Valid CaseCommand command, @Valid @NotNull Resolution resolution) {
    return view(
        work.resolve(command.department, command.id, resolution.result(), command.actor(caller)));
  }

  @POST
  @Path("/departments/{department}/cases/{id}/return")
  @Operation(summary = "Return a case as not ours (退单); it is routed again or arbitrated")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public QueueItem giveBack(
      @BeanParam @Valid CaseCommand command, @Valid @NotNull Return giveBack) {
    return view(
        work.giveBack(
            command.department,
            command.id,
            giveBack.reasonCode(),
            giveBack.reason(),
            giveBack.suggestedOwnerCode(),
            command.actor(caller)));
  }

  @POST
  @Path("/departments/{department}/cases/{id}/referral")
  @Operation(
      summary =
          "Refer a case to the owner of its asset (移交权属单位): straight into the owner's queue,"
              + " no arbitration, no return counted")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public ReferralView refer(
      @BeanParam @Valid CaseCommand command, @Valid @NotNull Referral referral) {
    CaseReferral r =
        work.refer(
            command.department,
            command.id,
            referral.ownerCode(),
            referral.assetCode(),
            referral.reason(),
            command.actor(caller));
    return new ReferralView(
        r.id,
        r.caseId,
        r.departmentCode,
        r.ownerCode,
        r.assetCode,
        r.registeredOwnerCode,
        r.reason,
        r.referredBy,
        local(r.referredAt));
  }

  @POST
  @Path("/departments/{department}/cases/{id}/approval-requests")
  @Operation(summary = "Ask for an extension (延期) or to park the case (挂账)")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public RequestView requestApproval(
      @BeanParam @Valid CaseCommand command, @Valid @NotNull RequestForApproval request) {
    return view(
        work.requestApproval(
            command.department,
            command.id,
            request.kind(),
            request.reason(),
            request.until() == null ? null : request.until().toInstant(),
            command.actor(caller)));
  }

  @GET
  @Path("/approval-requests")
  @Operation(summary = "The dispatchers' approval queue: requests by status, oldest first")
  @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR})
  public List<RequestView> approvalRequests(
      @QueryParam("status") @DefaultValue("PENDING") ApprovalRequest.Status status,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
    return queues.approvalRequests(status, size).stream()
        .map(r -> view(r.request(), r.caseNumber()))
        .toList();
  }

  @POST
  @Path("/approval-requests/{requestId}/decision")
  @Operation(summary = "A dispatcher approves or refuses a request")
  @RolesAllowed(Roles.DISPATCHER)
  public RequestView decide(
      @PathParam("requestId") UUID requestId,
      @Valid @NotNull Decision decision,
      @BeanParam @Valid Command command) {
    return view(
        work.decide(requestId, decision.approved(), decision.reason(), command.actor(caller)));
  }

  @POST
  @Path("/departments/{department}/cases/{id}/resume")
  @Operation(summary = "Take a parked case up again")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public QueueItem resume(@BeanParam @Valid CaseCommand command) {
    return view(work.resume(command.department, command.id, command.actor(caller)));
  }

  @POST
  @Path("/departments/{department}/cases/{id}/supervision-order/answer")
  @Operation(summary = "Answer the supervision order (督办单) on an overdue case")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public QueueItem answerSupervisionOrder(
      @BeanParam @Valid CaseCommand command, @Valid @NotNull OrderAnswer answer) {
    return view(
        work.answerSupervisionOrder(
            command.department, command.id, answer.answer(), command.actor(caller)));
  }

  @POST
  @Path("/arbitration/{id}/assignment")
  @Operation(summary = "A dispatcher places a case by hand, with a reason")
  @RolesAllowed(Roles.DISPATCHER)
  public QueueItem assign(
      @PathParam("id") UUID id,
      @Valid @NotNull Assignment assignment,
      @BeanParam @Valid Command command) {
    return view(
        work.assign(id, assignment.departmentCode(), assignment.reason(), command.actor(caller)));
  }

  @POST
  @Path("/cases/{id}/verification")
  @Operation(summary = "An inspector's verdict (核查): passed closes, failed reopens for rework")
  @RolesAllowed({Roles.INSPECTOR, Roles.OPERATOR})
  public QueueItem verify(
      @PathParam("id") UUID id,
      @Valid @NotNull Verification verification,
      @BeanParam @Valid Command command) {
    if (!verification.passed()
        && (verification.reason() == null || verification.reason().isBlank())) {
      throw DomainException.invalidField(
          "reason-required", "reason", "a failed verification needs a reason");
    }
    return view(
        work.verify(
            id,
            verification.passed(),
            verification.reason(),
            command.actor(caller),
            this::requireVerifier));
  }

  // The hotline verifies citizens' cases by calling them back; the grid's inspector the others.
  private void requireVerifier(Verifier verifier) {
    String verifierRole = verifier == Verifier.HOTLINE ? Roles.OPERATOR : Roles.INSPECTOR;
    if (!caller.is(verifierRole)) {
      throw DomainException.forbidden(
          "other-verifier", "this case is verified by the role " + verifierRole);
    }
  }

  @GET
  @Path("/cases/{id}/timeline")
  @Operation(summary = "Every action on a case: who, when, what, why")
  @RolesAllowed({
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.DISPATCHER,
    Roles.SUPERVISOR,
    Roles.INSPECTOR,
    Roles.OPERATOR
  })
  public List<Timeline.Entry> timeline(@PathParam("id") UUID id) {
    reading.readable(id);
    return timeline.of(id, zone);
  }
}
