package io.casegrid.kit.problem;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Headers every answer of a service carries, whichever code wrote it (an endpoint, an exception
 * mapper, the kit's own 413 and 415, Quarkus' pages), unless it set its own:
 *
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff} on every answer, so that a browser takes each for
 *       the type it declares;
 *   <li>{@code Cache-Control: no-store} on every JSON or XML answer and every answer of the APIs
 *       ({@code /api/}, {@code /open311/}): they hold cases, and an operator's view of a case holds
 *       the caller's phone, which no browser or proxy cache is to keep;
 *   <li>on Swagger UI ({@code /q/swagger-ui}), a {@code Content-Security-Policy} that loads nothing
 *       from elsewhere and lets no other site frame the page, and {@code X-Frame-Options: DENY} for
 *       browsers without CSP. Its page starts itself with an inline script, which the policy has to
 *       admit ({@code 'unsafe-inline'}); it sends only what a person types into it.
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

  static final String SWAGGER_UI_POLICY =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; object-src 'none'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  void install(@Observes Router router) {
    // Before every other handler of the kit, so that their own answers carry the headers too.
    router.route().order(Integer.MIN_VALUE).handler(SecurityHeaders::onEveryAnswer);
  }

  private static void onEveryAnswer(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    ctx.addHeadersEndHandler(v -> add(path, ctx.response().headers()));
    ctx.next();
  }

  static void add(String path, MultiMap headers) {
    setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
    String type = String.valueOf(headers.get("Content-Type")).toLowerCase(Locale.ROOT);
    if (path.startsWith("/api/")
        || path.startsWith("/open311/")
        || type.contains("json")
        || type.contains("xml")) {
      setIfAbsent(headers, "Cache-Control", "no-store");
    }
    if (path.startsWith("/q/swagger-ui")) {
      setIfAbsent(headers, "Content-Security-Policy", SWAGGER_UI_POLICY);
      setIfAbsent(headers, "X-Frame-Options", "DENY");
    }
  }

  private static void setIfAbsent(MultiMap headers, String name, String value) {
    if (!headers.contains(name)) {
      headers.set(name, value);
    }
  }
}
