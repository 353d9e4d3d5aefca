package io.casegrid.dispatch.idempotency;

import io.casegrid.kit.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Idempotency keys are kept as long as a client may still retry a command. */
@ApplicationScoped
public class CommandKeyRetention {

  @Produces
  RetentionRule commandKeys(
      @ConfigProperty(name = "casegrid.idempotency.key-retention", defaultValue = "7d")
          Duration maxAge) {
    return new RetentionRule("command_key", "created_at", maxAge);
  }
}
