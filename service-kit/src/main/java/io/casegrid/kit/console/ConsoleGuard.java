package io.casegrid.kit.console;

import io.casegrid.kit.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request made on the strength of a console session cookie alone: reading or changing
 * anything through the API with the cookie needs the session's request token too (see {@link
 * ConsoleCsrf}). Only opening a console page, which changes nothing, goes without it; the sign-out
 * form, which cannot send a header, carries the token in a field that {@link ConsoleLogout} checks.
 * Requests with a bearer token are not concerned.
 */
public class ConsoleGuard {

  private static final Set<String> SAFE = Set.of("GET", "HEAD");

  private final SecurityIdentity identity;
  private final ConsoleCsrf csrf;

  ConsoleGuard(SecurityIdentity identity, ConsoleCsrf csrf) {
    this.identity = identity;
    this.csrf = csrf;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Optional<Response> requireRequestToken(ContainerRequestContext request) {
    if (identity.isAnonymous() || !Console.TENANT.equals(identity.getAttribute("tenant-id"))) {
      return Optional.empty();
    }
    String asked = request.getUriInfo().getPath();
    String path = asked.startsWith("/") ? asked : "/" + asked;
    boolean pageView = SAFE.contains(request.getMethod()) && Console.isConsolePath(path);
    boolean signOut = "POST".equals(request.getMethod()) && path.equals(ConsoleLogout.PATH);
    if (pageView
        || signOut
        || csrf.accepts(identity, request.getHeaderString(Console.CSRF_HEADER))) {
      return Optional.empty();
    }
    return Optional.of(missingToken());
  }

  /** The answer to a request of a console session without the session's request token. */
  static Response missingToken() {
    return new Problem(
            "urn:casegrid:problem:csrf",
            "Forbidden",
            403,
            "a request made with a console session must carry the page's "
                + Console.CSRF_HEADER
                + " header",
            null,
            List.of())
        .toResponse();
  }
}
