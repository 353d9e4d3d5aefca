package io.casegrid.kit.console;

import io.casegrid.kit.idempotency.Idempotent;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Signing out of a console: a form posted with the page's request token ends the service's session
 * and then the identity provider's (RP-initiated logout with {@code id_token_hint}, back to the
 * console). Only a post with the token signs out, so a link on another page, or another service on
 * the same host (cookies ignore ports), cannot sign a person out; opening the address asks first.
 */
@Path(ConsoleLogout.PATH)
@RequestScoped
@Idempotent
public class ConsoleLogout {

  /** Where every console posts its sign-out form. */
  public static final String PATH = Console.PATH + "/logout";

  /** The form field carrying the request token (a form cannot send a header). */
  public static final String TOKEN_FIELD = "csrf-token";

  private final Console console;
  private final SecurityIdentity identity;
  private final ConsoleCsrf csrf;
  private final OidcSession session;
  private final OidcConfigurationMetadata provider;
  private final Template confirmation;

  ConsoleLogout(
      Console console,
      SecurityIdentity identity,
      ConsoleCsrf csrf,
      OidcSession session,
      OidcConfigurationMetadata provider,
      @Location("console/logout") Template confirmation) {
    this.console = console;
    this.identity = identity;
    this.csrf = csrf;
    this.session = session;
    this.provider = provider;
    this.confirmation = confirmation;
  }

  /**
   * The address opened in the browser: a page asking whether to sign out, which changes nothing.
   */
  @GET
  @Authenticated
  @Operation(hidden = true)
  public Response confirm() {
    return console.page(confirmation.instance(), ConsoleTexts.KIT);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Authenticated
  @Operation(hidden = true)
  public Uni<Response> signOut(@FormParam(TOKEN_FIELD) String token, @Context UriInfo uri) {
    if (!csrf.accepts(identity, token)) {
      return Uni.createFrom().item(ConsoleGuard.missingToken());
    }
    String idToken = session.getIdToken().getRawToken();
    URI back = uri.getBaseUriBuilder().path(Console.PATH + "/").build();
    URI endSession =
        UriBuilder.fromUri(provider.getEndSessionUri())
            .queryParam("id_token_hint", idToken)
            .queryParam("post_logout_redirect_uri", back)
            .build();
    return session.logout().replaceWith(Response.seeOther(endSession).build());
  }
}
