package io.casegrid.intake.photos;

import io.casegrid.intake.cases.Cases;
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

/** Photos a reporter or an inspector took of the problem, kept with the case. */
@Path("/api/cases/{id}/photos")
@Tag(name = "photos")
public class PhotoResource {

  private final Attachments attachments;
  private final Cases cases;
  private final Caller caller;

  PhotoResource(Attachments attachments, Cases cases, Caller caller) {
    this.attachments = attachments;
    this.cases = cases;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Add a photo (the body: JPEG, PNG or WebP, as its Content-Type says; a file name in"
              + " Content-Disposition)")
  @RolesAllowed({Roles.OPERATOR, Roles.INSPECTOR})
  public Response add(
      @PathParam("id") UUID id,
      @HeaderParam("Content-Type") String type,
      @HeaderParam("Content-Disposition") String disposition,
      byte[] body) {
    existing(id);
    return Response.status(Response.Status.CREATED)
        .entity(
            attachments.upload(
                id, Attachments.Purpose.REPORT, type, disposition, body, caller.name()))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The photos of a case, oldest first")
  @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR})
  public List<Attachments.Attachment> list(@PathParam("id") UUID id) {
    existing(id);
    return attachments.of(id);
  }

  @GET
  @Path("/{photoId}")
  @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_JSON})
  @Operation(summary = "One photo, as a download")
  @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR})
  public Response get(@PathParam("id") UUID id, @PathParam("photoId") UUID photoId) {
    return attachments.serve(id, photoId);
  }

  private void existing(UUID id) {
    cases.get(id);
  }
}
