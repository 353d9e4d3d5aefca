package io.casegrid.dispatch.cases;

import io.casegrid.events.Channel;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Urgency;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A case's row in {@code dispatch_case}, read and written with plain statements for the commands
 * and followers that move one case at a time. Loaded as an entity, a case cost Hibernate's loader,
 * its snapshot, and a flush that dirty-checked it (a quarter of dispatch's CPU while working
 * lifecycles); here it is one select, and one update of the columns its moves changed, under its
 * version: a concurrent change to the case leaves the update without a row, which the caller
 * refuses as a conflict. Columns a move did not change are not written, so the deadlines
 * supervision sets in the background without touching the version stay as they are.
 */
final class CaseRows {

  /** A column of the row that a move may change, with how its value is written. */
  private record Column(String name, Function<DispatchCase.Row, Object> value, int sqlType) {}

  private static final List<Column> CHANGEABLE =
      List.of(
          new Column("case_number", DispatchCase.Row::caseNumber, Types.VARCHAR),
          new Column("category_code", DispatchCase.Row::categoryCode, Types.VARCHAR),
          new Column("urgency", DispatchCase.Row::urgency, Types.VARCHAR),
          new Column("description", DispatchCase.Row::description, Types.VARCHAR),
          new Column("district_code", DispatchCase.Row::districtCode, Types.VARCHAR),
          new Column("street_code", DispatchCase.Row::streetCode, Types.VARCHAR),
          new Column("community_code", DispatchCase.Row::communityCode, Types.VARCHAR),
          new Column("grid_code", DispatchCase.Row::gridCode, Types.VARCHAR),
          new Column("asset_code", DispatchCase.Row::assetCode, Types.VARCHAR),
          new Column("asset_owner_code", DispatchCase.Row::assetOwnerCode, Types.VARCHAR),
          new Column("department_code", DispatchCase.Row::departmentCode, Types.VARCHAR),
          new Column("channel", DispatchCase.Row::channel, Types.VARCHAR),
          new Column("verifier", DispatchCase.Row::verifier, Types.VARCHAR),
          new Column("state", DispatchCase.Row::state, Types.VARCHAR),
          new Column("basis", DispatchCase.Row::basis, Types.VARCHAR),
          new Column("rule_reference", DispatchCase.Row::ruleReference, Types.VARCHAR),
          new Column("reported_at", DispatchCase.Row::reportedAt, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column(
              "dispatched_at", DispatchCase.Row::dispatchedAt, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("signed_at", DispatchCase.Row::signedAt, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("resolved_at", DispatchCase.Row::resolvedAt, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("closed_at", DispatchCase.Row::closedAt, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("result", DispatchCase.Row::result, Types.VARCHAR),
          new Column("rework_count", DispatchCase.Row::reworkCount, Types.INTEGER),
          new Column("return_count", DispatchCase.Row::returnCount, Types.INTEGER),
          new Column("returned_by", DispatchCase.Row::returnedBy, Types.VARCHAR),
          new Column("sign_due_at", DispatchCase.Row::signDueAt, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column(
              "resolve_due_at", DispatchCase.Row::resolveDueAt, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column(
              "overdue_since", DispatchCase.Row::overdueSince, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column("supervision_order_id", DispatchCase.Row::supervisionOrderId, Types.OTHER),
          new Column(
              "order_respond_by", DispatchCase.Row::orderRespondBy, Types.TIMESTAMP_WITH_TIMEZONE),
          new Column(
              "extended_until", DispatchCase.Row::extendedUntil, Types.TIMESTAMP_WITH_TIMEZONE));

  // The key, the changeable columns and the version, in the order read() reads them.
  private static final String SELECT =
      "SELECT case_id, "
          + String.join(", ", CHANGEABLE.stream().map(Column::name).toList())
          + ", version FROM dispatch_case WHERE case_id = ?";

  private CaseRows() {}

  /**
   * Every column this class reads, and so every column a command can write: kept by hand beside the
   * entity's mapping, so a test holds it to the table's columns.
   */
  static List<String> columns() {
    List<String> columns = new ArrayList<>();
    columns.add("case_id");
    CHANGEABLE.forEach(column -> columns.add(column.name()));
    columns.add("version");
    return columns;
  }

  /** The case, read from its row; empty if dispatch does not hold it. */
  static Optional<DispatchCase> find(Connection connection, UUID caseId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setObject(1, caseId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(DispatchCase.of(read(row))) : Optional.empty();
      }
    }
  }

  private static DispatchCase.Row read(ResultSet r) throws SQLException {
    return new DispatchCase.Row(
        r.getObject(1, UUID.class),
        r.getString(2),
        r.getString(3),
        value(Urgency.class, r.getString(4)),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9),
        r.getString(10),
        r.getString(11),
        r.getString(12),
        value(Channel.class, r.getString(13)),
        value(Verifier.class, r.getString(14)),
        value(CaseState.class, r.getString(15)),
        value(RoutingBasis.class, r.getString(16)),
        r.getString(17),
        instant(r, 18),
        instant(r, 19),
        instant(r, 20),
        instant(r, 21),
        instant(r, 22),
        r.getString(23),
        r.getInt(24),
        r.getInt(25),
        r.getString(26),
        instant(r, 27),
        instant(r, 28),
        instant(r, 29),
        r.getObject(30, UUID.class),
        instant(r, 31),
        instant(r, 32),
        r.getLong(33));
  }

  /**
   * Writes the columns whose values the case's moves changed since its row was read, as the row's
   * next version, and nothing if none changed. False if another transaction changed the row since
   * it was read (its version is another): then nothing was written.
   */
  static boolean update(Connection connection, DispatchCase c) throws SQLException {
    DispatchCase.Row before =
        c.stored()
            .orElseThrow(
                () ->
                    new IllegalStateException("case " + c.caseId() + " was not read from its row"));
    DispatchCase.Row now = c.row();
    List<Column> changed = new ArrayList<>();
    for (Column column : CHANGEABLE) {
      if (!Objects.equals(column.value().apply(before), column.value().apply(now))) {
        changed.add(column);
      }
    }
    if (changed.isEmpty()) {
      return true;
    }
    StringBuilder sql = new StringBuilder("UPDATE dispatch_case SET ");
    for (Column column : changed) {
      sql.append(column.name()).append(" = ?, ");
    }
    sql.append("version = ? WHERE case_id = ? AND version = ?");
    try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
      int i = 1;
      for (Column column : changed) {
        set(update, i++, column.value().apply(now), column.sqlType());
      }
      update.setLong(i++, before.version() + 1);
      update.setObject(i++, c.caseId());
      update.setLong(i, before.version());
      if (update.executeUpdate() == 0) {
        return false;
      }
    }
    c.storedAs(before.version() + 1);
    return true;
  }

  private static void set(PreparedStatement statement, int index, Object value, int sqlType)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType);
    } else if (value instanceof Instant at) {
      statement.setObject(index, at.atOffset(ZoneOffset.UTC));
    } else if (value instanceof Enum<?> constant) {
      statement.setString(index, constant.name());
    } else {
      statement.setObject(index, value);
    }
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static <E extends Enum<E>> E value(Class<E> type, String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }
}
