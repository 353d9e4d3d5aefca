package io.casegrid.intake.campaigns;

import io.casegrid.events.CampaignAmended;
import io.casegrid.events.CampaignEnded;
import io.casegrid.events.CampaignLaunched;
import io.casegrid.events.CampaignProgressReported;
import io.casegrid.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Announces what other services follow of the campaigns, on intake's campaigns topic, through the
 * outbox in the transaction of the change: a campaign launched, its deadlines moved, its end, and
 * its headline progress. Keeps in {@code campaign_announced} the progress last announced of each
 * launched campaign, so that progress is announced only when it changed.
 */
@ApplicationScoped
class CampaignAnnouncements {

  private static final String TOTAL = "total";

  private final Outbox outbox;
  private final Ledger ledger;

  CampaignAnnouncements(Outbox outbox, Ledger ledger) {
    this.outbox = outbox;
    this.ledger = ledger;
  }

  /** The campaign was launched with this many items: none of them inspected yet. */
  @Transactional(Transactional.TxType.MANDATORY)
  void launched(Campaign campaign, int itemsInScope) {
    CampaignPeriod period = campaign.period();
    Progress none = new Progress(TOTAL, itemsInScope, 0, 0, 0, 0, 0);
    ledger.work(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO campaign_announced (campaign_id, in_scope, inspected, defects,"
                      + " rectified, overdue, blind_spots, progress_as_of)"
                      + " VALUES (?, ?, 0, 0, 0, 0, 0, ?)")) {
            insert.setObject(1, campaign.id());
            insert.setLong(2, none.inScope());
            insert.setTimestamp(3, Timestamp.from(campaign.launchedAt()));
            insert.executeUpdate();
          }
          return null;
        });
    outbox.announce(
        new CampaignLaunched(
            campaign.id(),
            campaign.name(),
            period.startsOn(),
            period.inspectBy(),
            period.rectifyBy(),
            period.rectificationWorkingDays(),
            itemsInScope,
            campaign.launchedAt()));
  }

  /** The campaign's deadlines were moved; a draft's are nobody else's concern yet. */
  @Transactional(Transactional.TxType.MANDATORY)
  void amended(Campaign campaign, Instant at) {
    if (campaign.state() != Campaign.State.ACTIVE) {
      return;
    }
    CampaignPeriod period = campaign.period();
    outbox.announce(
        new CampaignAmended(
            campaign.id(),
            period.startsOn(),
            period.inspectBy(),
            period.rectifyBy(),
            period.rectificationWorkingDays(),
            at));
  }

  /** The supervision centre ended the campaign. */
  @Transactional(Transactional.TxType.MANDATORY)
  void endedEarly(Campaign campaign) {
    ended(campaign.id(), campaign.endedAt(), CampaignEnded.Ending.ENDED_EARLY);
  }

  /** The campaign's last day has passed. */
  @Transactional(Transactional.TxType.MANDATORY)
  void periodOver(Campaign campaign, Instant at) {
    ended(campaign.id(), at, CampaignEnded.Ending.PERIOD_OVER);
  }

  private void ended(UUID id, Instant at, CampaignEnded.Ending ending) {
    int first =
        ledger.work(
            c -> {
              try (PreparedStatement update =
                  c.prepareStatement(
                      "UPDATE campaign_announced SET ended_at = ?"
                          + " WHERE campaign_id = ? AND ended_at IS NULL")) {
                update.setTimestamp(1, Timestamp.from(at));
                update.setObject(2, id);
                return update.executeUpdate();
              }
            });
    if (first == 1) {
      outbox.announce(new CampaignEnded(id, at, ending));
    }
  }

  /** The launched campaigns whose end has not been announced: those progress is reported of. */
  @Transactional(Transactional.TxType.MANDATORY)
  List<UUID> running() {
    return ledger.work(
        c -> {
          List<UUID> ids = new ArrayList<>();
          try (PreparedStatement read =
                  c.prepareStatement(
                      "SELECT campaign_id FROM campaign_announced WHERE ended_at IS NULL");
              ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getObject(1, UUID.class));
            }
          }
          return ids;
        });
  }

  /**
   * The progress last announced of a running campaign, locked for the rest of the transaction;
   * empty if its end was announced, or if another instance is reporting on it right now.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  Optional<Progress> lockLastAnnounced(UUID id) {
    return ledger.work(
        c -> {
          try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT in_scope, inspected, defects, rectified, overdue, blind_spots"
                      + " FROM campaign_announced WHERE campaign_id = ? AND ended_at IS NULL"
                      + " FOR UPDATE SKIP LOCKED")) {
            read.setObject(1, id);
            try (ResultSet rs = read.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new Progress(
                          TOTAL,
                          rs.getLong(1),
                          rs.getLong(2),
                          rs.getLong(3),
                          rs.getLong(4),
                          rs.getLong(5),
                          rs.getLong(6)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Announces a campaign's progress as it stands, unless it is what was announced last. Answers
   * whether it announced.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  boolean progress(UUID id, Progress last, Progress now, Instant asOf) {
    Progress total =
        new Progress(
            TOTAL,
            now.inScope(),
            now.inspected(),
            now.defects(),
            now.rectified(),
            now.overdue(),
            now.blindSpots());
    if (total.equals(last)) {
      return false;
    }
    ledger.work(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE campaign_announced SET in_scope = ?, inspected = ?, defects = ?,"
                      + " rectified = ?, overdue = ?, blind_spots = ?, progress_as_of = ?"
                      + " WHERE campaign_id = ?")) {
            update.setLong(1, total.inScope());
            update.setLong(2, total.inspected());
            update.setLong(3, total.defects());
            update.setLong(4, total.rectified());
            update.setLong(5, total.overdue());
            update.setLong(6, total.blindSpots());
            update.setTimestamp(7, Timestamp.from(asOf));
            update.setObject(8, id);
            return update.executeUpdate();
          }
        });
    outbox.announce(
        new CampaignProgressReported(
            id,
            asOf,
            total.inScope(),
            total.inspected(),
            total.defects(),
            total.rectified(),
            total.overdue(),
            total.blindSpots()));
    return true;
  }
}
