package io.casegrid.supervision.campaigns;

import io.casegrid.events.CampaignAmended;
import io.casegrid.events.CampaignEnded;
import io.casegrid.events.CampaignEvent;
import io.casegrid.events.CampaignLaunched;
import io.casegrid.events.CampaignProgressReported;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The rectification campaigns (专项整治) as intake announces them, projected for the leadership
 * dashboard: a campaign is active from its launch until it is ended or its last day has passed, and
 * shows the latest progress intake reported. Intake owns the campaigns and their ledgers; this is a
 * read model only.
 */
@ApplicationScoped
public class ActiveCampaigns {

  private static final Logger LOG = Logger.getLogger(ActiveCampaigns.class);

  private final EntityManager entityManager;

  ActiveCampaigns(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** A campaign's headline progress, as of when intake's ledger stood so. */
  public record Progress(
      long inScope,
      long inspected,
      long defects,
      long rectified,
      long overdue,
      Long blindSpots,
      Instant asOf) {}

  /**
   * An active campaign as the dashboard shows it. Blind spots are counted once the inspection
   * deadline has passed; before, there are none to count (null).
   */
  public record Campaign(
      UUID campaignId,
      String name,
      LocalDate startsOn,
      LocalDate inspectBy,
      LocalDate rectifyBy,
      int rectificationWorkingDays,
      Instant launchedAt,
      boolean inspectionOver,
      Progress progress) {}

  /** Applies one of intake's campaign events; runs in the inbox's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void apply(CampaignEvent event) {
    if (event instanceof CampaignLaunched launched) {
      launched(launched);
    } else if (event instanceof CampaignAmended amended) {
      changed(amended, amended(amended));
    } else if (event instanceof CampaignEnded ended) {
      changed(ended, ended(ended));
    } else if (event instanceof CampaignProgressReported progress) {
      progressed(progress);
    }
  }

  // A campaign launched before this projection existed is unknown to it: said, not hidden.
  private static void changed(CampaignEvent event, int rows) {
    if (rows == 0) {
      LOG.warnf(
          "%s of campaign %s, which supervision does not follow or which has ended",
          event.getClass().getSimpleName(), event.campaignId());
    }
  }

  private int launched(CampaignLaunched l) {
    return update(
        "INSERT INTO campaign (id, name, starts_on, inspect_by, rectify_by,"
            + " rectification_working_days, launched_at, in_scope, progress_as_of)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        l.campaignId(),
        l.name(),
        Date.valueOf(l.startsOn()),
        Date.valueOf(l.inspectBy()),
        Date.valueOf(l.rectifyBy()),
        l.rectificationWorkingDays(),
        Timestamp.from(l.launchedAt()),
        l.itemsInScope(),
        Timestamp.from(l.launchedAt()));
  }

  private int amended(CampaignAmended a) {
    return update(
        "UPDATE campaign SET starts_on = ?, inspect_by = ?, rectify_by = ?,"
            + " rectification_working_days = ? WHERE id = ?",
        Date.valueOf(a.startsOn()),
        Date.valueOf(a.inspectBy()),
        Date.valueOf(a.rectifyBy()),
        a.rectificationWorkingDays(),
        a.campaignId());
  }

  private int ended(CampaignEnded e) {
    return update(
        "UPDATE campaign SET ended_at = ?, ending = ? WHERE id = ? AND ended_at IS NULL",
        Timestamp.from(e.endedAt()),
        e.ending().name(),
        e.campaignId());
  }

  // A snapshot older than the one kept changes nothing: the latest stands.
  private int progressed(CampaignProgressReported p) {
    return update(
        "UPDATE campaign SET in_scope = ?, inspected = ?, defects = ?, rectified = ?,"
            + " overdue = ?, blind_spots = ?, progress_as_of = ?"
            + " WHERE id = ? AND progress_as_of < ?",
        p.inScope(),
        p.inspected(),
        p.defects(),
        p.rectified(),
        p.overdue(),
        p.blindSpots(),
        Timestamp.from(p.asOf()),
        p.campaignId(),
        Timestamp.from(p.asOf()));
  }

  private int update(String sql, Object... values) {
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            c -> {
              try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                  statement.setObject(i + 1, values[i]);
                }
                return statement.executeUpdate();
              }
            });
  }

  /** The campaigns active on {@code today} in the city's zone, the most recently launched first. */
  @Transactional
  public List<Campaign> on(LocalDate today) {
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            c -> {
              try (PreparedStatement read =
                  c.prepareStatement(
                      "SELECT id, name, starts_on, inspect_by, rectify_by,"
                          + " rectification_working_days, launched_at, in_scope, inspected,"
                          + " defects, rectified, overdue, blind_spots, progress_as_of"
                          + " FROM campaign WHERE ended_at IS NULL AND rectify_by >= ?"
                          + " ORDER BY launched_at DESC, id")) {
                read.setDate(1, Date.valueOf(today));
                List<Campaign> active = new ArrayList<>();
                try (ResultSet rs = read.executeQuery()) {
                  while (rs.next()) {
                    LocalDate inspectBy = rs.getDate(4).toLocalDate();
                    boolean inspectionOver = today.isAfter(inspectBy);
                    active.add(
                        new Campaign(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getDate(3).toLocalDate(),
                            inspectBy,
                            rs.getDate(5).toLocalDate(),
                            rs.getInt(6),
                            rs.getTimestamp(7).toInstant(),
                            inspectionOver,
                            new Progress(
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getLong(10),
                                rs.getLong(11),
                                rs.getLong(12),
                                inspectionOver ? rs.getLong(13) : null,
                                rs.getTimestamp(14).toInstant())));
                  }
                }
                return active;
              }
            });
  }
}
