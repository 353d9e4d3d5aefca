package io.casegrid.intake.cases;

import io.casegrid.kit.domain.DomainException;
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
public class CaseResource {

  private final CaseRegistration registration;
  private final CaseReading reading;
  private final Caller caller;

  CaseResource(CaseRegistration registration, CaseReading reading, Caller caller) {
    this.registration = registration;
    this.reading = reading;
    this.caller = caller;
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
    CallerChannels.require(request.channel(), caller::is, "channel");
    // Answering a case on the call is the hotline's.
    if (request.resolvedOnCall() != null && !caller.is(Roles.OPERATOR)) {
      throw DomainException.forbidden(
          "forbidden", "only hotline operators close a case on the call");
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
    return reading.byId(id).orElseThrow(() -> DomainException.notFound("case " + id));
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
      throw DomainException.invalidField(
          "one-search-key", "number", "give either a case number or a phone number");
    }
    // Finding a citizen's cases by their phone is the hotline's, for the callback.
    if (phone != null && !caller.is(Roles.OPERATOR)) {
      throw DomainException.forbidden("forbidden", "only hotline operators search by phone");
    }
    return number != null ? reading.byNumber(number) : reading.byPhone(phone);
  }
}
