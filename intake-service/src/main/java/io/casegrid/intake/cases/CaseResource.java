package io.casegrid.intake.cases;

import io.casegrid.intake.callback.CallbackView;
import io.casegrid.intake.callback.Callbacks;
import io.casegrid.intake.callback.RecordCallback;
import io.casegrid.kit.idempotency.Idempotent;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.ratelimit.RateLimited;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators, inspectors and apps register cases and look them up. */
@Path("/api/cases")
@Tag(name = "cases")
@Produces(MediaType.APPLICATION_JSON)
@Idempotent
public class CaseResource {

  private final CaseRegistration registration;
  private final CaseReading reading;
  private final Caller caller;

  private final Callbacks callbacks;

  CaseResource(
      CaseRegistration registration, CaseReading reading, Caller caller, Callbacks callbacks) {
    this.registration = registration;
    this.reading = reading;
    this.caller = caller;
    this.callbacks = callbacks;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Register a complaint or defect; it is announced as CaseReported. With resolvedOnCall"
              + " (operators only) it is closed at first contact and not routed")
  @RolesAllowed({Roles.OPERATOR, Roles.INSPECTOR})
  @RateLimited("case-writes")
  public Response register(
      @Valid @NotNull RegisterCase request, @jakarta.ws.rs.core.Context UriInfo uri) {
    // Answering a case on the call is the hotline's.
    if (request.resolvedOnCall() != null && !caller.is(Roles.OPERATOR)) {
      throw new ProblemException(
          Response.Status.FORBIDDEN,
          "forbidden",
          "only hotline operators close a case on the call");
    }
    CaseRecord c = registration.register(request, caller.name());
    return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
        .entity(reading.registered(c))
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary =
          "A case by its internal id; the reporter's name and phone in full for hotline operators"
              + " only (audited)")
  @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR})
  public CaseView get(@PathParam("id") UUID id) {
    return reading.byId(id).orElseThrow(() -> ProblemException.notFound("case " + id));
  }

  @GET
  @Operation(
      summary =
          "Find cases by the number operators read out on the phone, or by the caller's phone"
              + " (newest first); the reporter's name and phone in full for hotline operators"
              + " only (audited)")
  @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR})
  public List<CaseView> find(
      @QueryParam("number") @Pattern(regexp = "\\d{8,20}") String number,
      @QueryParam("phone") @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}") String phone) {
    if ((number == null) == (phone == null)) {
      throw ProblemException.invalidField(
          "one-search-key", "number", "give either a case number or a phone number");
    }
    // Finding a citizen's cases by their phone is the hotline's, for the callback.
    if (phone != null && !caller.is(Roles.OPERATOR)) {
      throw new ProblemException(
          Response.Status.FORBIDDEN, "forbidden", "only hotline operators search by phone");
    }
    return number != null ? reading.byNumber(number) : reading.byPhone(phone);
  }

  @POST
  @Path("/{id}/callback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Record the callback to the citizen after closure (回访); announced as CallbackRecorded."
              + " 409 unless the case is closed and its reporter agreed to be called back")
  @RolesAllowed(Roles.OPERATOR)
  @RateLimited("case-writes")
  public Response recordCallback(
      @PathParam("id") UUID id,
      @Valid @NotNull RecordCallback request,
      @jakarta.ws.rs.core.Context UriInfo uri) {
    CallbackView recorded = callbacks.record(id, request, caller.name());
    return Response.created(uri.getBaseUriBuilder().path("/api/cases/" + id + "/callbacks").build())
        .entity(recorded)
        .build();
  }

  @GET
  @Path("/{id}/callbacks")
  @Operation(summary = "The callbacks to the citizen after closure of a case, the first first")
  @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR})
  public List<CallbackView> callbacks(@PathParam("id") UUID id) {
    return callbacks.of(id);
  }
}
