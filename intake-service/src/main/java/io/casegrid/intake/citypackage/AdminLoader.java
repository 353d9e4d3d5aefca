package io.casegrid.intake.citypackage;

import io.casegrid.citypackage.Loader;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Locale;

/**
 * The loader of city packages on behalf of the administrator making the request: their token is
 * passed on to each service, which checks for itself that it is an administrator's, and reports are
 * written in the language they asked for.
 */
@RequestScoped
class AdminLoader {

  private final CityPackageConfig config;
  private final SecurityIdentity identity;

  AdminLoader(CityPackageConfig config, SecurityIdentity identity) {
    this.config = config;
    this.identity = identity;
  }

  /** The administrator's bearer token, as the other services take it. */
  String token() {
    return identity.getCredential(AccessTokenCredential.class).getToken();
  }

  /** A loader reporting in {@code language} (an Accept-Language header; Chinese unless English). */
  Loader loader(String language) {
    String token = token();
    Locale locale =
        language != null && language.toLowerCase(Locale.ROOT).startsWith("en")
            ? Locale.ENGLISH
            : Locale.SIMPLIFIED_CHINESE;
    return new Loader(
        new Loader.Services(config.intakeUrl(), config.dispatchUrl(), config.supervisionUrl()),
        () -> token,
        locale);
  }

  CityPackageConfig config() {
    return config;
  }

  /** The HTTP status of a load's report: an invalid package is the request's fault. */
  static int status(Loader.Outcome outcome) {
    return switch (outcome) {
      case INVALID -> 422;
      case REFUSED, PARTLY_ACTIVATED -> 409;
      default -> 200;
    };
  }
}
