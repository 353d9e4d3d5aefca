package io.casegrid.intake.campaigns;

import io.casegrid.kit.attachment.Attachments;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.idempotency.Idempotent;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Photos an inspector takes of an item before recording its result (排查照片). A result names its
 * photos by link, and a defect needs one, but its case exists only once the result is recorded: so
 * a photo is kept first, with the service's other photos ({@link Attachments}: the same checks of
 * format and size), and answered with the link the result then carries.
 */
@Idempotent
@Path("/api/campaigns/{id}/photos")
@Tag(name = "campaigns")
@RolesAllowed({
  Roles.SUPERVISOR,
  Roles.ADMIN,
  Roles.LEADER,
  Roles.INSPECTOR,
  Roles.DEPARTMENT_STAFF,
  Roles.DEPARTMENT_LEAD
})
public class CampaignPhotoResource {

  private final Attachments attachments;
  private final Campaigns campaigns;
  private final Caller caller;

  CampaignPhotoResource(Attachments attachments, Campaigns campaigns, Caller caller) {
    this.attachments = attachments;
    this.campaigns = campaigns;
    this.caller = caller;
  }

  /** A photo kept for a campaign: the link an inspection result names it by. */
  public record Kept(UUID id, URI link, String mediaType, String fileName, int sizeBytes) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.INSPECTOR, Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD})
  @Operation(
      summary =
          "Keep a photo for an inspection result (the body: JPEG, PNG or WebP, as its Content-Type"
              + " says; a file name in Content-Disposition); answers the link the result names")
  public Response add(
      @PathParam("id") UUID id,
      @HeaderParam("Content-Type") String type,
      @HeaderParam("Content-Disposition") String disposition,
      byte[] body,
      @Context UriInfo uri) {
    Campaign campaign = campaigns.load(id);
    if (campaign.state() == Campaign.State.ENDED) {
      throw DomainException.conflict(
          "campaign-ended", "campaign " + campaign.name() + " was ended; it takes no more photos");
    }
    UUID photo = UUID.randomUUID();
    Attachments.Attachment kept =
        attachments.upload(
            holder(id, photo),
            Attachments.Purpose.VERIFICATION,
            type,
            disposition,
            body,
            caller.name());
    URI link = uri.getBaseUriBuilder().path("api/campaigns/{id}/photos/{photo}").build(id, photo);
    return Response.created(link)
        .entity(new Kept(photo, link, kept.mediaType(), kept.fileName(), kept.sizeBytes()))
        .build();
  }

  @GET
  @Path("/{photo}")
  @Transactional
  @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_JSON})
  @Operation(summary = "One photo of a campaign's inspections, as a download")
  public Response get(@PathParam("id") UUID id, @PathParam("photo") UUID photo) {
    return attachments.of(holder(id, photo)).stream()
        .findFirst()
        .map(a -> attachments.serve(a.caseId(), a.id()))
        .orElseThrow(() -> DomainException.notFound("photo " + photo + " of campaign " + id));
  }

  // Photos are kept under a case id; a campaign's photo under one derived from the campaign and the
  // photo. A name-based id (version 3) is never a case's (random, version 4), so no case's photos
  // can be read here.
  private static UUID holder(UUID campaign, UUID photo) {
    return UUID.nameUUIDFromBytes(
        ("campaign-photo:" + campaign + ":" + photo).getBytes(StandardCharsets.UTF_8));
  }
}
