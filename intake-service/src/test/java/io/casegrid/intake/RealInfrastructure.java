package io.casegrid.intake;

import io.casegrid.embedded.RealInfrastructureResource;
import io.casegrid.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every {@code @QuarkusTest} of this service runs against the shared real PostgreSQL (database
 * "intake") and the real Kafka broker.
 */
@QuarkusTestResource(
    value = RealInfrastructureResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "intake"),
      @ResourceArg(
          name = "topics",
          value =
              Topics.INTAKE_CASES
                  + ","
                  + Topics.DISPATCH_CASES
                  + ","
                  + Topics.SUPERVISION_CASES
                  + ","
                  + Topics.INTAKE_CAMPAIGNS
                  + ","
                  + Topics.SENSOR_ALARMS)
    })
public class RealInfrastructure {}
