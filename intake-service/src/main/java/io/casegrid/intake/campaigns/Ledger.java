package io.casegrid.intake.campaigns;

import io.casegrid.events.Location;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A campaign's ledger (整治工作台账) in the database: the census that creates its items, and each item
 * read and written. Set-based where it counts: the census is one INSERT … SELECT over the register
 * and one UPDATE … FROM unnest per chunk of placed items.
 */
@ApplicationScoped
class Ledger {

  private final EntityManager entityManager;
  private final ReferenceCache reference;
  private final CampaignsConfig config;

  Ledger(EntityManager entityManager, ReferenceCache reference, CampaignsConfig config) {
    this.entityManager = entityManager;
    this.reference = reference;
    this.config = config;
  }

  /** One item of the ledger as it stands. */
  record Item(
      String assetCode,
      String categoryCode,
      double latitude,
      double longitude,
      String ownerCode,
      String responsibleCode,
      String gridCode,
      InspectionResult.Condition condition,
      String inspectedBy,
      Instant inspectedAt,
      UUID caseId,
      String ownerFound,
      Boolean ownerConfirmed) {

    boolean inspected() {
      return inspectedAt != null;
    }
  }

  /**
   * Takes the census: one item for every asset of the scope's kinds in its areas, as the register
   * stands, each placed in its grid and given its responsible party — its owner, or the territorial
   * office of its street when it has none. Answers the number of items.
   */
  int census(UUID campaignId, CampaignScope scope) {
    return work(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO campaign_item (campaign_id, asset_code, category_code, latitude,"
                      + " longitude, owner_code, responsible_code)"
                      + " SELECT ?, code, category_code, latitude, longitude,"
                      + " owner_department_code, owner_department_code"
                      + " FROM asset WHERE category_code = ANY (?)")) {
            insert.setObject(1, campaignId);
            insert.setArray(2, c.createArrayOf("text", scope.categoryCodes().toArray()));
            insert.executeUpdate();
          }
          place(c, campaignId);
          try (PreparedStatement outside =
              c.prepareStatement(
                  "DELETE FROM campaign_item WHERE campaign_id = ? AND (grid_code IS NULL"
                      + (scope.areaCodes().isEmpty() ? ")" : " OR NOT grid_code LIKE ANY (?))"))) {
            outside.setObject(1, campaignId);
            if (!scope.areaCodes().isEmpty()) {
              outside.setArray(
                  2,
                  c.createArrayOf("text", scope.areaCodes().stream().map(a -> a + "%").toArray()));
            }
            outside.executeUpdate();
          }
          try (PreparedStatement count =
              c.prepareStatement("SELECT count(*) FROM campaign_item WHERE campaign_id = ?")) {
            count.setObject(1, campaignId);
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  // The register keeps positions, not grids: each item is located against the grid polygons held
  // in memory, and the grids are written back a chunk at a time in one statement each.
  private void place(Connection c, UUID campaignId) throws SQLException {
    ReferenceCache.Snapshot areas = reference.current();
    List<String> codes = new ArrayList<>();
    List<String> grids = new ArrayList<>();
    try (PreparedStatement read =
        c.prepareStatement(
            "SELECT asset_code, latitude, longitude FROM campaign_item WHERE campaign_id = ?")) {
      read.setObject(1, campaignId);
      read.setFetchSize(5000);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          Optional<Location> at = areas.locate(rs.getDouble(2), rs.getDouble(3));
          if (at.isPresent()) {
            codes.add(rs.getString(1));
            grids.add(at.get().gridCode());
          }
        }
      }
    }
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE campaign_item i SET grid_code = u.grid, street_code = substr(u.grid, 1, 9),"
                + " district_code = substr(u.grid, 1, 6),"
                + " responsible_code = COALESCE(i.owner_code,"
                + " 'TERRITORIAL:' || substr(u.grid, 1, 9))"
                + " FROM unnest(?, ?) AS u(code, grid)"
                + " WHERE i.campaign_id = ? AND i.asset_code = u.code")) {
      int chunk = config.placementChunk();
      for (int from = 0; from < codes.size(); from += chunk) {
        int to = Math.min(codes.size(), from + chunk);
        update.setArray(1, c.createArrayOf("text", codes.subList(from, to).toArray()));
        update.setArray(2, c.createArrayOf("text", grids.subList(from, to).toArray()));
        update.setObject(3, campaignId);
        update.executeUpdate();
      }
    }
  }

  /** The item of an asset, locked for the rest of the transaction; empty if not in the ledger. */
  Optional<Item> lock(UUID campaignId, String assetCode) {
    return work(
        c -> {
          try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT asset_code, category_code, latitude, longitude, owner_code,"
                      + " responsible_code, grid_code, condition, inspected_by, inspected_at,"
                      + " case_id, owner_found, owner_confirmed FROM campaign_item"
                      + " WHERE campaign_id = ? AND asset_code = ? FOR UPDATE")) {
            read.setObject(1, campaignId);
            read.setString(2, assetCode);
            try (ResultSet rs = read.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              String condition = rs.getString(8);
              Timestamp at = rs.getTimestamp(10);
              return Optional.of(
                  new Item(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getDouble(3),
                      rs.getDouble(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      condition == null ? null : InspectionResult.Condition.valueOf(condition),
                      rs.getString(9),
                      at == null ? null : at.toInstant(),
                      rs.getObject(11, UUID.class),
                      rs.getString(12),
                      (Boolean) rs.getObject(13)));
            }
          }
        });
  }

  /** Records an item's inspection result, the case its defect became, and an owner found. */
  void inspected(
      UUID campaignId,
      String assetCode,
      InspectionResult result,
      String actor,
      Instant at,
      UUID caseId) {
    work(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE campaign_item SET condition = ?, defect_kind = ?, note = ?, photos = ?,"
                      + " inspected_latitude = ?, inspected_longitude = ?, inspected_by = ?,"
                      + " inspected_at = ?, case_id = ?, owner_found = ?,"
                      + " owner_found_by = CASE WHEN ? IS NULL THEN NULL ELSE ? END,"
                      + " responsible_code = COALESCE(?, responsible_code)"
                      + " WHERE campaign_id = ? AND asset_code = ? AND inspected_at IS NULL")) {
            update.setString(1, result.condition().name());
            update.setString(2, result.defectKind());
            update.setString(3, result.note());
            update.setArray(4, c.createArrayOf("text", result.photos().toArray()));
            update.setDouble(5, result.latitude());
            update.setDouble(6, result.longitude());
            update.setString(7, actor);
            update.setTimestamp(8, Timestamp.from(at));
            update.setObject(9, caseId);
            update.setString(10, result.ownerFound());
            update.setString(11, result.ownerFound());
            update.setString(12, actor);
            update.setString(13, result.ownerFound());
            update.setObject(14, campaignId);
            update.setString(15, assetCode);
            if (update.executeUpdate() != 1) {
              throw new IllegalStateException("item " + assetCode + " changed under its lock");
            }
          }
          return null;
        });
  }

  /**
   * The owner the inspector found answered: confirmed, the register and the item take it as the
   * owner; refused, the item goes back to the party the register names.
   */
  void ownerAnswered(UUID campaignId, Item item, boolean confirmed, String actor, Instant at) {
    work(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE campaign_item SET owner_confirmed = ?, owner_answered_by = ?,"
                      + " owner_answered_at = ?,"
                      + " owner_code = CASE WHEN ? THEN owner_found ELSE owner_code END,"
                      + " responsible_code = CASE WHEN ? THEN owner_found"
                      + " ELSE COALESCE(owner_code, 'TERRITORIAL:' || street_code) END"
                      + " WHERE campaign_id = ? AND asset_code = ?")) {
            update.setBoolean(1, confirmed);
            update.setString(2, actor);
            update.setTimestamp(3, Timestamp.from(at));
            update.setBoolean(4, confirmed);
            update.setBoolean(5, confirmed);
            update.setObject(6, campaignId);
            update.setString(7, item.assetCode());
            update.executeUpdate();
          }
          if (confirmed) {
            try (PreparedStatement register =
                c.prepareStatement("UPDATE asset SET owner_department_code = ? WHERE code = ?")) {
              register.setString(1, item.ownerFound());
              register.setString(2, item.assetCode());
              register.executeUpdate();
            }
          }
          return null;
        });
  }

  /**
   * Cases of campaign items closed after their fix was verified (the moment), or reopened (null),
   * in one statement; a case of no campaign has no item.
   */
  int casesClosed(Map<UUID, Instant> closedAt) {
    return work(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE campaign_item i SET rectified_at = u.at::timestamptz"
                      + " FROM unnest(?::uuid[], ?::text[]) AS u (case_id, at)"
                      + " WHERE i.case_id = u.case_id")) {
            update.setArray(1, c.createArrayOf("uuid", closedAt.keySet().toArray()));
            update.setArray(
                2,
                c.createArrayOf(
                    "text",
                    closedAt.values().stream()
                        .map(at -> at == null ? null : at.toString())
                        .toArray()));
            return update.executeUpdate();
          }
        });
  }

  /** What supervision's events of a batch said of one case: per kind of news, the latest. */
  static final class Supervision {
    private final UUID caseId;
    private boolean deadlineSet;
    private Instant rectifyDueAt;
    private boolean overdue;
    private Instant overdueAt;
    private boolean ordered;
    private UUID orderId;
    private Instant orderIssuedAt;
    private Instant orderRespondBy;
    private String escalationStep;

    Supervision(UUID caseId) {
      this.caseId = caseId;
    }

    void deadlineSet(Instant dueAt) {
      deadlineSet = true;
      rectifyDueAt = dueAt;
    }

    void declaredOverdue(Instant at) {
      overdue = true;
      overdueAt = at;
    }

    void orderIssued(UUID id, Instant issuedAt, Instant respondBy, String step) {
      ordered = true;
      orderId = id;
      orderIssuedAt = issuedAt;
      orderRespondBy = respondBy;
      escalationStep = step;
    }
  }

  /**
   * Sets what supervision said of cases on the items whose defects they are, in one statement for a
   * batch: each kind of news only where the case had it. A case of no campaign has none.
   */
  void supervised(Collection<Supervision> cases) {
    work(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  """
                  UPDATE campaign_item i SET
                    rectify_due_at = CASE WHEN n.deadline_set
                      THEN n.rectify_due_at::timestamptz ELSE i.rectify_due_at END,
                    overdue_at = CASE WHEN n.overdue
                      THEN n.overdue_at::timestamptz ELSE i.overdue_at END,
                    order_id = CASE WHEN n.ordered THEN n.order_id ELSE i.order_id END,
                    order_issued_at = CASE WHEN n.ordered
                      THEN n.order_issued_at::timestamptz ELSE i.order_issued_at END,
                    order_respond_by = CASE WHEN n.ordered
                      THEN n.order_respond_by::timestamptz ELSE i.order_respond_by END,
                    escalation_step = CASE WHEN n.ordered
                      THEN n.escalation_step ELSE i.escalation_step END
                  FROM unnest(?::uuid[], ?::boolean[], ?::text[], ?::boolean[], ?::text[],
                      ?::boolean[], ?::uuid[], ?::text[], ?::text[], ?::text[])
                    AS n (case_id, deadline_set, rectify_due_at, overdue, overdue_at, ordered,
                      order_id, order_issued_at, order_respond_by, escalation_step)
                  WHERE i.case_id = n.case_id
                  """)) {
            update.setArray(1, SqlArrays.of(c, "uuid", cases, s -> s.caseId));
            update.setArray(2, SqlArrays.of(c, "boolean", cases, s -> s.deadlineSet));
            update.setArray(3, SqlArrays.instants(c, cases, s -> s.rectifyDueAt));
            update.setArray(4, SqlArrays.of(c, "boolean", cases, s -> s.overdue));
            update.setArray(5, SqlArrays.instants(c, cases, s -> s.overdueAt));
            update.setArray(6, SqlArrays.of(c, "boolean", cases, s -> s.ordered));
            update.setArray(7, SqlArrays.of(c, "uuid", cases, s -> s.orderId));
            update.setArray(8, SqlArrays.instants(c, cases, s -> s.orderIssuedAt));
            update.setArray(9, SqlArrays.instants(c, cases, s -> s.orderRespondBy));
            update.setArray(10, SqlArrays.of(c, "text", cases, s -> s.escalationStep));
            return update.executeUpdate();
          }
        });
  }

  /** Whether the register has an asset of this code. */
  boolean registered(String assetCode) {
    return !entityManager
        .createNativeQuery("SELECT 1 FROM asset WHERE code = ?1")
        .setParameter(1, assetCode)
        .getResultList()
        .isEmpty();
  }

  /** Runs JDBC work on the transaction's connection. */
  <T> T work(Work<T> work) {
    return entityManager.unwrap(Session.class).doReturningWork(work::on);
  }

  /** JDBC work that answers something. */
  interface Work<T> {
    T on(Connection c) throws SQLException;
  }
}
