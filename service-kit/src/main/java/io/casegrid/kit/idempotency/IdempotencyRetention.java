package io.casegrid.kit.idempotency;

import io.casegrid.kit.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long the answers to keyed requests are kept: a retry later than this runs as a new request.
 */
@ApplicationScoped
public class IdempotencyRetention {

  @Produces
  RetentionRule idempotentRequests(
      @ConfigProperty(name = "casegrid.idempotency.key-retention", defaultValue = "7d")
          Duration keyRetention) {
    return new RetentionRule("idempotent_request", "created_at", keyRetention);
  }
}
