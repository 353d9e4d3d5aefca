package io.casegrid.kit.console;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses how a request is authenticated. Console pages ({@code /console/…}) log people in with the
 * authorization code flow (the OIDC tenant {@value Console#TENANT}) and keep the session in an
 * HttpOnly cookie; the console's own API calls carry that cookie instead of a token. Everything
 * else, and every request that carries an {@code Authorization} header, is the API's bearer-token
 * authentication (the default tenant), exactly as without consoles.
 */
@ApplicationScoped
public class ConsoleTenantResolver implements TenantResolver {

  /** Quarkus' name of the default tenant; naming it stops the session cookie from choosing. */
  static final String DEFAULT_TENANT = "Default";

  private static final String SESSION_COOKIE_PREFIX = "q_session_" + Console.TENANT + "_";

  @Override
  public String resolve(RoutingContext context) {
    String path = context.normalizedPath();
    if (Console.isConsolePath(path)) {
      return Console.TENANT;
    }
    if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null
        && path.startsWith("/api/")
        && hasConsoleSession(context)) {
      return Console.TENANT;
    }
    return DEFAULT_TENANT;
  }

  private static boolean hasConsoleSession(RoutingContext context) {
    return context.request().cookies().stream()
        .anyMatch(c -> c.getName().startsWith(SESSION_COOKIE_PREFIX));
  }
}
