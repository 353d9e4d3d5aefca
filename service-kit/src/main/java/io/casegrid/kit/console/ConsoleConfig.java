package io.casegrid.kit.console;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Settings of the browser consoles a service serves. */
@ConfigMapping(prefix = "casegrid.console")
public interface ConsoleConfig {

  /**
   * The secret that protects console sessions: it encrypts the session cookie and the login state,
   * and keys the request tokens against cross-site requests. At least 32 characters; every instance
   * of a service must have the same, or a session opened on one is refused by the others. Without
   * it each instance makes up its own at start, so a restart logs everybody out.
   */
  Optional<String> sessionSecret();
}
