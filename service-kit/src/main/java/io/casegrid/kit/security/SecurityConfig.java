package io.casegrid.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which claims of the identity provider's tokens name the user and their department. */
@ConfigMapping(prefix = "casegrid.security")
public interface SecurityConfig {

  /** The claim holding the user name shown in timelines and audit records. */
  @WithDefault("preferred_username")
  String usernameClaim();

  /** The claim holding the code of the department a member of staff belongs to. */
  @WithDefault("department")
  String departmentClaim();
}
