package io.casegrid.dispatch.reference;

import io.casegrid.dispatch.routing.Router;
import io.casegrid.events.RoutingBasis;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "Where would this case go, and which rules decided?" — routing tried without dispatching
 * anything, now or under the catalogue in effect at a moment (a change loaded ahead).
 */
@Path("/api/routing/preview")
@Tag(name = "administration")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RoutingPreviewResource {

  /** The facts routing looks at, and the moment to route at (now if absent). */
  public record Question(
      @NotBlank @Pattern(regexp = "[A-Z0-9]{2,16}") String categoryCode,
      @Pattern(regexp = "\\d{6}") String districtCode,
      @Pattern(regexp = "\\d{9}") String streetCode,
      @Pattern(regexp = "\\d{12}") String communityCode,
      @Pattern(regexp = "[A-Z0-9_-]{2,64}") String assetOwnerCode,
      OffsetDateTime at) {}

  /**
   * Where it would go and why; no department means the dispatchers' arbitration. {@code chain} is
   * every step routing looked at, in order, the deciding one last.
   */
  public record Answer(
      String departmentCode,
      RoutingBasis basis,
      String ruleReference,
      List<String> coHandlers,
      List<Router.Step> chain) {}

  private final RoutingTable routing;

  RoutingPreviewResource(RoutingTable routing) {
    this.routing = routing;
  }

  @POST
  @Transactional
  @Operation(
      summary =
          "Where a case would go now, or under the catalogue in effect at a moment, with the chain"
              + " of rules that decided")
  @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
  public Answer preview(@Valid @NotNull Question question) {
    Router.Decision decision =
        routing
            .router()
            .route(
                new Router.CaseFacts(
                    question.categoryCode(),
                    question.districtCode(),
                    question.streetCode(),
                    question.communityCode(),
                    question.assetOwnerCode()),
                question.at() == null ? Instant.now() : question.at().toInstant());
    return new Answer(
        decision.departmentCode().orElse(null),
        decision.departmentCode().isPresent() ? decision.basis() : null,
        decision.ruleReference(),
        decision.coHandlers(),
        decision.chain());
  }
}
