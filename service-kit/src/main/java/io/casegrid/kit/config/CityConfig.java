package io.casegrid.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** Facts about the city a deployment serves. Times are stored in UTC and shown in this zone. */
@ConfigMapping(prefix = "casegrid.city")
public interface CityConfig {

  @WithDefault("Asia/Shanghai")
  ZoneId zone();
}
