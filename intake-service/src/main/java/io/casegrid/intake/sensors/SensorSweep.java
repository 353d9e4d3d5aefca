package io.casegrid.intake.sensors;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Opens the cases of conditions that held past their debounce time with no further alarm: a cover
 * tilted once and left tilted must become a case though its sensor says nothing more.
 */
@ApplicationScoped
public class SensorSweep {

  /** How often the sweep looks, and how many conditions it opens per transaction. */
  @ConfigMapping(prefix = "casegrid.sensors")
  public interface Config {
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * A transaction holds its conditions locked until it commits, and alarms of those assets wait
     * for it: in a storm, where thousands of covers fall due at once, a batch of alarms waited for
     * one sweep transaction after another while they opened 200 cases each. A few at a time, a
     * batch waits for a few registrations, then takes its own due conditions itself.
     */
    @WithDefault("10")
    int sweepBatch();
  }

  private static final Logger LOG = Logger.getLogger(SensorSweep.class);

  private final SensorAlarms alarms;
  private final Config config;
  private ScheduledExecutorService scheduler;

  SensorSweep(SensorAlarms alarms, Config config) {
    this.alarms = alarms;
    this.config = config;
  }

  void start(@Observes StartupEvent startup) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sensor-sweep");
              t.setDaemon(true);
              return t;
            });
    long every = config.sweepInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void sweep() {
    try {
      while (alarms.openDue(Instant.now(), config.sweepBatch()) == config.sweepBatch()) {
        // A full batch: there may be more due.
      }
    } catch (RuntimeException e) {
      LOG.warn("sensor sweep failed; it tries again", e);
    }
  }
}
