package io.casegrid.kit.health;

import io.casegrid.kit.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the outbox relay cannot hand events to Kafka: state changes would pile up. */
@Readiness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

  private final OutboxRelay relay;

  OutboxRelayHealth(OutboxRelay relay) {
    this.relay = relay;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("outbox relay")
        .status(relay.lastFailure() == null)
        .withData("backlog", relay.backlog())
        .withData("lastFailure", String.valueOf(relay.lastFailure()))
        .build();
  }
}
