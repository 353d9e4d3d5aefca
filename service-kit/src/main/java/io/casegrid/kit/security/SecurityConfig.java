package io.casegrid.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Which claims of the identity provider's tokens name the user and their department. */
@ConfigMapping(prefix = "casegrid.security")
public interface SecurityConfig {

  /** The claim holding the user name shown in timelines and audit records. */
  @WithDefault("preferred_username")
  String usernameClaim();

  /** The claim holding the code of the department a member of staff belongs to. */
  @WithDefault("department")
  String departmentClaim();

  /** Bearer tokens already verified, answered without verifying them again. */
  TokenCache tokenCache();

  interface TokenCache {
    /**
     * How long a verified token is answered from the cache at most (never past its expiry): how
     * long it stays accepted after the identity provider withdrew its signing key.
     */
    @WithDefault("60s")
    Duration maxAge();

    /** How many tokens are kept at most (each some kilobytes); 0 keeps none. */
    @WithDefault("2000")
    int maxSize();
  }
}
