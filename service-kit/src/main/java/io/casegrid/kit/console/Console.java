package io.casegrid.kit.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Caller;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A console page as every service renders it: the service's template inside the shared layout
 * ({@code templates/console/layout.html}), in the person's language, naming them and their roles,
 * with the session's request token, and with headers that let the page load nothing but its own
 * scripts and styles.
 */
@RequestScoped
public class Console {

  /** The OIDC tenant that logs people in with the authorization code flow. */
  public static final String TENANT = "console";

  /** The header carrying the request token of a console session (see {@link ConsoleCsrf}). */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** Where every service serves its consoles. */
  public static final String PATH = "/console";

  private static final Map<String, String> LANGUAGE_NAMES = Map.of("zh-CN", "中文", "en", "English");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the layout shows of the person and the page. */
  @TemplateData
  public record View(
      String language,
      String otherLanguage,
      String otherLanguageName,
      String userName,
      String roleNames,
      String csrfToken,
      String textsJson,
      String zone,
      String zoneLabel) {}

  /** A value to choose and its name in the person's language, for radio buttons and lists. */
  @TemplateData
  public record Choice(String value, String label) {}

  private final SecurityIdentity identity;
  private final Caller caller;
  private final ConsoleCsrf csrf;
  private final HttpServerRequest request;
  private final Template forbidden;
  private final ZoneId zone;

  Console(
      SecurityIdentity identity,
      Caller caller,
      ConsoleCsrf csrf,
      HttpServerRequest request,
      @Location("console/forbidden") Template forbidden,
      CityConfig city) {
    this.identity = identity;
    this.caller = caller;
    this.csrf = csrf;
    this.request = request;
    this.forbidden = forbidden;
    this.zone = city.zone();
  }

  /**
   * The city's zone as a person reads it, e.g. "中国时间（Asia/Shanghai）" or "China Time
   * (Asia/Shanghai)": every time on a console is shown in it, and the page says so once.
   */
  static String zoneName(ZoneId zone, String language) {
    Locale locale = Locale.forLanguageTag(language);
    String name = zone.getDisplayName(TextStyle.FULL, locale);
    return language.startsWith("zh")
        ? name + "（" + zone.getId() + "）"
        : name + " (" + zone.getId() + ")";
  }

  public static boolean isConsolePath(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  /** The language the person chose, remembered in a cookie; Chinese until they choose. */
  public String language() {
    Cookie chosen = request.getCookie(ConsoleTexts.LANGUAGE_COOKIE);
    return ConsoleTexts.language(chosen == null ? null : chosen.getValue());
  }

  /** The texts of {@code bundle} (and the kit's) in the person's language. */
  public Map<String, String> texts(String bundle) {
    return ConsoleTexts.of(bundle, language());
  }

  /** The values with their names from the texts {@code <prefix>.<value>} of {@code bundle}. */
  public List<Choice> choices(String bundle, String prefix, List<?> values) {
    Map<String, String> t = texts(bundle);
    return values.stream()
        .map(String::valueOf)
        .map(v -> new Choice(v, t.getOrDefault(prefix + "." + v, v)))
        .toList();
  }

  /** {@code page} in the layout, answered 200. */
  public Response page(TemplateInstance page, String bundle) {
    return render(page, bundle, Response.Status.OK);
  }

  /** The page for a person whose roles this console does not serve, answered 403. */
  public Response forbidden(String bundle) {
    return render(forbidden.instance(), bundle, Response.Status.FORBIDDEN);
  }

  private Response render(TemplateInstance page, String bundle, Response.Status status) {
    String language = language();
    Map<String, String> t = ConsoleTexts.of(bundle, language);
    String other =
        ConsoleTexts.LANGUAGES.stream().filter(l -> !l.equals(language)).findFirst().orElseThrow();
    String roles =
        identity.getRoles().stream()
            .sorted()
            .map(r -> t.get("role." + r))
            .filter(name -> name != null)
            .collect(Collectors.joining("、"));
    View view =
        new View(
            language,
            other,
            LANGUAGE_NAMES.get(other),
            caller.displayName(),
            roles,
            csrf.tokenFor(identity).orElse(""),
            json(t),
            zone.getId(),
            t.getOrDefault("timesIn", "{zone}").replace("{zone}", zoneName(zone, language)));
    String html = page.data("console", view).data("t", t).render();
    return Response.status(status)
        .type("text/html;charset=UTF-8")
        .header("Cache-Control", "no-store")
        .header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'self'"
                + identityProviderOrigin().map(o -> " " + o).orElse("")
                + "; frame-ancestors 'none'; base-uri 'none'")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "same-origin")
        .entity(html)
        .build();
  }

  /**
   * The origin of the identity provider's end-session endpoint: the sign-out form's answer sends
   * the browser there, and the browser checks form-action on the redirects a form leads to.
   */
  private Optional<String> identityProviderOrigin() {
    if (!(identity.getAttribute("configuration-metadata") instanceof OidcConfigurationMetadata m)
        || m.getEndSessionUri() == null) {
      return Optional.empty();
    }
    URI endSession = URI.create(m.getEndSessionUri());
    return Optional.of(
        endSession.getScheme()
            + "://"
            + endSession.getHost()
            + (endSession.getPort() < 0 ? "" : ":" + endSession.getPort()));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
