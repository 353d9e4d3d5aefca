package io.casegrid.intake.citypackage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/**
 * Where the loader behind {@code /api/admin/city-packages} finds the three services' own
 * administration endpoints, each of which takes its part of a package.
 */
@ConfigMapping(prefix = "casegrid.city-package")
public interface CityPackageConfig {

  /** This service, as the others would call it. */
  @WithDefault("http://127.0.0.1:${quarkus.http.port:8081}")
  URI intakeUrl();

  @WithDefault("http://127.0.0.1:8082")
  URI dispatchUrl();

  @WithDefault("http://127.0.0.1:8083")
  URI supervisionUrl();
}
