package io.casegrid.dispatch.photos;

import io.casegrid.dispatch.cases.CaseReading;
import io.casegrid.kit.attachment.Attachments;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Photos of the work on a case: a department's evidence when it reports back, an inspector's from
 * verification. Served only to those who may read the case.
 */
@Path("/api")
@Tag(name = "photos")
public class PhotoResource {

  private final Attachments attachments;
  private final CaseReading reading;
  private final Caller caller;

  PhotoResource(Attachments attachments, CaseReading reading, Caller caller) {
    this.attachments = attachments;
    this.reading = reading;
    this.caller = caller;
  }

  @POST
  @Path("/departments/{department}/cases/{id}/photos")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A department adds evidence of its work (JPEG, PNG or WebP)")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  public Response addEvidence(
      @PathParam("department") String department,
      @PathParam("id") UUID id,
      @HeaderParam("Content-Type") String type,
      @HeaderParam("Content-Disposition") String disposition,
      byte[] body) {
    return add(id, Attachments.Purpose.EVIDENCE, type, disposition, body);
  }

  @POST
  @Path("/cases/{id}/photos")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The verifier adds a photo from verification (JPEG, PNG or WebP)")
  @RolesAllowed({Roles.INSPECTOR, Roles.OPERATOR})
  public Response addFromVerification(
      @PathParam("id") UUID id,
      @HeaderParam("Content-Type") String type,
      @HeaderParam("Content-Disposition") String disposition,
      byte[] body) {
    return add(id, Attachments.Purpose.VERIFICATION, type, disposition, body);
  }

  @GET
  @Path("/cases/{id}/photos")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The photos of the work on a case, oldest first")
  @RolesAllowed({
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.DISPATCHER,
    Roles.SUPERVISOR,
    Roles.INSPECTOR,
    Roles.OPERATOR
  })
  public List<Attachments.Attachment> list(@PathParam("id") UUID id) {
    reading.readable(id);
    return attachments.of(id);
  }

  @GET
  @Path("/cases/{id}/photos/{photoId}")
  @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_JSON})
  @Operation(summary = "One photo, as a download")
  @RolesAllowed({
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.DISPATCHER,
    Roles.SUPERVISOR,
    Roles.INSPECTOR,
    Roles.OPERATOR
  })
  public Response get(@PathParam("id") UUID id, @PathParam("photoId") UUID photoId) {
    reading.readable(id);
    return attachments.serve(id, photoId);
  }

  // Staff see only their department's cases; to them another's does not exist.
  private Response add(
      UUID id, Attachments.Purpose purpose, String type, String disposition, byte[] body) {
    reading.readable(id);
    return Response.status(Response.Status.CREATED)
        .entity(attachments.upload(id, purpose, type, disposition, body, caller.name()))
        .build();
  }
}
