package io.casegrid.intake.campaigns;

import io.casegrid.kit.config.CityConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reports the running campaigns' headline progress to whoever follows them (the leadership
 * dashboard): every interval, each campaign's figures as the progress API answers them, announced
 * only if they changed since the last announcement. A campaign of 100,000 items thus costs one
 * progress query per interval and at most one event, however many results come in; figures that
 * move with time alone (overdue rectifications, blind spots after the inspection deadline) are
 * caught too. A campaign whose last day has passed is announced as ended, once.
 */
@ApplicationScoped
public class CampaignProgressReporter {

  /** How often progress is reported. */
  @ConfigMapping(prefix = "casegrid.campaign-progress")
  public interface Config {
    /** At most one progress event per campaign per interval. */
    @WithDefault("30s")
    Duration interval();
  }

  private static final Logger LOG = Logger.getLogger(CampaignProgressReporter.class);

  // Only the total is announced: grouped by district, the query has the fewest groups to name.
  private static final CampaignReading.GroupBy FEWEST_GROUPS = CampaignReading.GroupBy.DISTRICT;

  private final CampaignAnnouncements announcements;
  private final CampaignReading reading;
  private final Campaigns campaigns;
  private final CityConfig city;
  private final Config config;
  private ScheduledExecutorService scheduler;

  CampaignProgressReporter(
      CampaignAnnouncements announcements,
      CampaignReading reading,
      Campaigns campaigns,
      CityConfig city,
      Config config) {
    this.announcements = announcements;
    this.reading = reading;
    this.campaigns = campaigns;
    this.city = city;
    this.config = config;
  }

  void start(@Observes StartupEvent startup) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "campaign-progress");
              t.setDaemon(true);
              return t;
            });
    long every = config.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::reportSafely, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void reportSafely() {
    try {
      report();
    } catch (RuntimeException e) {
      LOG.warn("reporting the campaigns' progress failed; it tries again", e);
    }
  }

  /**
   * Reports on every running campaign, each in its own transaction so that one failing stops none
   * of the others. Answers how many progress events were announced.
   */
  int report() {
    List<UUID> running = QuarkusTransaction.requiringNew().call(announcements::running);
    int announced = 0;
    for (UUID id : running) {
      try {
        if (QuarkusTransaction.requiringNew().call(() -> reportOn(id))) {
          announced++;
        }
      } catch (RuntimeException e) {
        LOG.warnf(e, "reporting the progress of campaign %s failed; it is tried again", id);
      }
    }
    return announced;
  }

  private boolean reportOn(UUID id) {
    Optional<Progress> last = announcements.lockLastAnnounced(id);
    if (last.isEmpty()) {
      return false;
    }
    Campaign campaign = campaigns.load(id);
    LocalDate today = LocalDate.now(city.zone());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    boolean announced =
        announcements.progress(id, last.get(), reading.progress(id, FEWEST_GROUPS).total(), now);
    if (campaign.period().overOn(today)) {
      announcements.periodOver(
          campaign, campaign.period().rectificationClosesAt(city.zone()).toInstant());
    }
    return announced;
  }
}
