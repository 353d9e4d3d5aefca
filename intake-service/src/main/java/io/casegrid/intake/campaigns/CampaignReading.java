package io.casegrid.intake.campaigns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a campaign's ledger: its progress by party or place, its blind spots, and the items an
 * inspector works, the nearest first. Each count is one grouped query over the campaign's items.
 */
@ApplicationScoped
public class CampaignReading {

  /** How progress is grouped. */
  public enum GroupBy {
    OWNER("i.responsible_code"),
    DISTRICT("i.district_code"),
    STREET("i.street_code"),
    GRID("i.grid_code");

    final String column;

    GroupBy(String column) {
      this.column = column;
    }
  }

  private final Ledger ledger;
  private final Campaigns campaigns;
  private final CityConfig city;

  CampaignReading(Ledger ledger, Campaigns campaigns, CityConfig city) {
    this.ledger = ledger;
    this.campaigns = campaigns;
    this.city = city;
  }

  /** A campaign's figures: the whole and each group, with the names of the groups. */
  public record Report(
      @JsonIgnore Campaign campaign,
      LocalDate asOf,
      double expectedInspectedShare,
      Progress total,
      List<Group> groups) {

    @JsonProperty
    public UUID campaignId() {
      return campaign.id();
    }

    @JsonProperty
    public String name() {
      return campaign.name();
    }

    @JsonProperty
    public CampaignPeriod period() {
      return campaign.period();
    }
  }

  /**
   * One group's progress, its name, whether it is behind schedule, the supervision orders its
   * overdue rectifications drew, and the step of the escalation ladder the latest of them named
   * (null: none).
   */
  public record Group(
      String name,
      Progress progress,
      boolean behindSchedule,
      long supervisionOrders,
      String escalationStep) {}

  /**
   * The campaign's progress grouped by owner, district, street or grid: in scope, inspected,
   * defects, rectified, overdue (a defect not rectified that supervision declared overdue, by the
   * deadline it set its case on the working-day calendar) and blind spots (not inspected by the
   * inspection deadline).
   */
  public Report progress(UUID id, GroupBy groupBy) {
    Campaign campaign = campaigns.load(id);
    LocalDate today = LocalDate.now(city.zone());
    CampaignPeriod period = campaign.period();
    boolean inspectionOver = period.inspectionOverOn(today);
    double expected = period.expectedInspectedShare(today);
    String names = names(groupBy, "g.key");
    List<Group> groups =
        ledger.work(
            c -> {
              try (PreparedStatement read =
                  c.prepareStatement(
                      "SELECT g.key, "
                          + names
                          + ", g.in_scope, g.inspected, g.defects, g.rectified, g.overdue,"
                          + " g.blind, g.orders, g.step FROM (SELECT "
                          + groupBy.column
                          + " AS key, count(*) AS in_scope, count(i.inspected_at) AS inspected,"
                          + " count(*) FILTER (WHERE i.condition = 'DEFECT') AS defects,"
                          + " count(i.rectified_at) AS rectified,"
                          + " count(*) FILTER (WHERE i.condition = 'DEFECT'"
                          + " AND i.rectified_at IS NULL AND i.overdue_at IS NOT NULL) AS overdue,"
                          + " count(*) FILTER (WHERE i.inspected_at IS NULL AND ?) AS blind,"
                          + " count(i.order_id) AS orders,"
                          + " (array_agg(i.escalation_step ORDER BY i.order_issued_at DESC)"
                          + " FILTER (WHERE i.escalation_step IS NOT NULL))[1] AS step"
                          + " FROM campaign_item i"
                          + " WHERE i.campaign_id = ? GROUP BY 1) g"
                          + " ORDER BY g.key")) {
                read.setBoolean(1, inspectionOver);
                read.setObject(2, id);
                List<Group> found = new ArrayList<>();
                try (ResultSet rs = read.executeQuery()) {
                  while (rs.next()) {
                    Progress p =
                        new Progress(
                            rs.getString(1),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8));
                    found.add(
                        new Group(
                            rs.getString(2),
                            p,
                            p.behindSchedule(expected),
                            rs.getLong(9),
                            rs.getString(10)));
                  }
                }
                return found;
              }
            });
    Progress total = new Progress("total", 0, 0, 0, 0, 0, 0);
    for (Group g : groups) {
      total = total.plus(g.progress(), "total");
    }
    return new Report(campaign, today, expected, total, groups);
  }

  // The name shown for the group whose code is the SQL expression key: a department's or an
  // area's, a territorial office by its street.
  private static String names(GroupBy groupBy, String key) {
    return switch (groupBy) {
      case OWNER ->
          "COALESCE((SELECT d.name FROM department d WHERE d.code = "
              + key
              + "), (SELECT a.name || ' 属地' FROM area a WHERE 'TERRITORIAL:' || a.code = "
              + key
              + "), "
              + key
              + ")";
      default -> "COALESCE((SELECT a.name FROM area a WHERE a.code = " + key + "), " + key + ")";
    };
  }

  /**
   * A rectification supervision declared overdue and not yet verified: its item, the party
   * responsible, its case, the deadline supervision set and when it declared it overdue, and the
   * supervision order it drew with the step of the escalation ladder it named.
   */
  public record OverdueRectification(
      String assetCode,
      String responsibleCode,
      String responsibleName,
      String defectKind,
      UUID caseId,
      Instant dueAt,
      Instant overdueAt,
      UUID orderId,
      Instant orderRespondBy,
      String escalationStep) {}

  /** The rectifications overdue by supervision's word and not yet verified, the oldest first. */
  public List<OverdueRectification> overdue(UUID id, int limit) {
    campaigns.load(id);
    return ledger.work(
        c -> {
          try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT i.asset_code, i.responsible_code, "
                      + names(GroupBy.OWNER, "i.responsible_code")
                      + ", i.defect_kind, i.case_id, i.rectify_due_at, i.overdue_at, i.order_id,"
                      + " i.order_respond_by, i.escalation_step FROM campaign_item i"
                      + " WHERE i.campaign_id = ? AND i.condition = 'DEFECT'"
                      + " AND i.rectified_at IS NULL AND i.overdue_at IS NOT NULL"
                      + " ORDER BY i.overdue_at, i.asset_code LIMIT ?")) {
            read.setObject(1, id);
            read.setInt(2, limit);
            List<OverdueRectification> found = new ArrayList<>();
            try (ResultSet rs = read.executeQuery()) {
              while (rs.next()) {
                found.add(
                    new OverdueRectification(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)),
                        rs.getObject(8, UUID.class),
                        instant(rs.getTimestamp(9)),
                        rs.getString(10)));
              }
            }
            return found;
          }
        });
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** An item of the ledger as a list shows it. */
  public record ItemView(
      String assetCode,
      String categoryCode,
      double latitude,
      double longitude,
      String responsibleCode,
      String gridCode,
      String condition,
      String defectKind,
      Instant inspectedAt,
      String inspectedBy,
      UUID caseId,
      Instant rectifiedAt,
      String ownerFound,
      Long distanceMetres) {}

  /**
   * The items an inspector works: not yet inspected ones only if asked, of a department (staff see
   * only theirs), of a grid, the nearest to a point first (else by code), a page at a time.
   */
  public List<ItemView> items(
      UUID id,
      String responsible,
      String grid,
      boolean toInspectOnly,
      Double latitude,
      Double longitude,
      int offset,
      int size) {
    campaigns.load(id);
    boolean near = latitude != null && longitude != null;
    return ledger.work(
        c -> {
          StringBuilder sql =
              new StringBuilder(
                  "SELECT asset_code, category_code, latitude, longitude, responsible_code,"
                      + " grid_code, condition, defect_kind, inspected_at, inspected_by, case_id,"
                      + " rectified_at, owner_found");
          // Metres on a small city's scale: an equirectangular approximation is close enough.
          sql.append(
              near
                  ? ", round(6371000 * sqrt(power(radians(latitude - ?), 2) + power(radians("
                      + "longitude - ?) * cos(radians(?)), 2))) AS d"
                  : ", NULL AS d");
          sql.append(" FROM campaign_item WHERE campaign_id = ?");
          if (responsible != null) {
            sql.append(" AND responsible_code = ?");
          }
          if (grid != null) {
            sql.append(" AND grid_code LIKE ?");
          }
          if (toInspectOnly) {
            sql.append(" AND inspected_at IS NULL");
          }
          sql.append(near ? " ORDER BY d, asset_code" : " ORDER BY asset_code");
          sql.append(" LIMIT ? OFFSET ?");
          try (PreparedStatement read = c.prepareStatement(sql.toString())) {
            int p = 1;
            if (near) {
              read.setDouble(p++, latitude);
              read.setDouble(p++, longitude);
              read.setDouble(p++, latitude);
            }
            read.setObject(p++, id);
            if (responsible != null) {
              read.setString(p++, responsible);
            }
            if (grid != null) {
              read.setString(p++, grid + "%");
            }
            read.setInt(p++, size);
            read.setInt(p, offset);
            return items(read);
          }
        });
  }

  /** The blind spots: items not inspected when the inspection deadline has passed. */
  public List<ItemView> blindSpots(UUID id, int offset, int size) {
    Campaign campaign = campaigns.load(id);
    if (!campaign.period().inspectionOverOn(LocalDate.now(city.zone()))) {
      return List.of();
    }
    return ledger.work(
        c -> {
          try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT asset_code, category_code, latitude, longitude, responsible_code,"
                      + " grid_code, condition, defect_kind, inspected_at, inspected_by, case_id,"
                      + " rectified_at, owner_found, NULL FROM campaign_item"
                      + " WHERE campaign_id = ? AND inspected_at IS NULL"
                      + " ORDER BY grid_code, asset_code LIMIT ? OFFSET ?")) {
            read.setObject(1, id);
            read.setInt(2, size);
            read.setInt(3, offset);
            return items(read);
          }
        });
  }

  private static List<ItemView> items(PreparedStatement read) throws java.sql.SQLException {
    List<ItemView> items = new ArrayList<>();
    try (ResultSet rs = read.executeQuery()) {
      while (rs.next()) {
        Object distance = rs.getObject(14);
        items.add(
            new ItemView(
                rs.getString(1),
                rs.getString(2),
                rs.getDouble(3),
                rs.getDouble(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                instant(rs.getTimestamp(9)),
                rs.getString(10),
                rs.getObject(11, UUID.class),
                instant(rs.getTimestamp(12)),
                rs.getString(13),
                distance == null ? null : ((Number) distance).longValue()));
      }
    }
    return items;
  }

  /** A campaign as listed, with its ledger's size and the found covers waiting. */
  public record Summary(
      UUID id,
      String name,
      Campaign.State state,
      CampaignScope scope,
      CampaignPeriod period,
      List<String> defectKinds,
      int itemsInScope,
      Instant launchedAt,
      Long launchMillis,
      Instant endedAt,
      long foundAssetsPending) {}

  /** Every campaign, the newest first. */
  public List<Summary> all() {
    List<UUID> ids =
        ledger.work(
            c -> {
              List<UUID> found = new ArrayList<>();
              try (PreparedStatement read =
                      c.prepareStatement("SELECT id FROM campaign ORDER BY created_at DESC");
                  ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                  found.add(rs.getObject(1, UUID.class));
                }
              }
              return found;
            });
    return ids.stream().map(this::summary).toList();
  }

  /** One campaign's summary. */
  public Summary summary(UUID id) {
    Campaign campaign = campaigns.load(id);
    return ledger.work(
        c -> {
          try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT items_in_scope, launch_millis, (SELECT count(*) FROM"
                      + " campaign_found_asset f WHERE f.campaign_id = campaign.id AND f.state ="
                      + " 'PENDING') FROM campaign WHERE id = ?")) {
            read.setObject(1, id);
            try (ResultSet rs = read.executeQuery()) {
              if (!rs.next()) {
                throw DomainException.notFound("campaign " + id);
              }
              return new Summary(
                  id,
                  campaign.name(),
                  campaign.state(),
                  campaign.scope(),
                  campaign.period(),
                  campaign.defectKinds(),
                  rs.getInt(1),
                  campaign.launchedAt(),
                  (Long) rs.getObject(2),
                  campaign.endedAt(),
                  rs.getLong(3));
            }
          }
        });
  }
}
