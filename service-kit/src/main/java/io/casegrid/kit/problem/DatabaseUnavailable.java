package io.casegrid.kit.problem;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * A database that cannot serve now: its connection lost or refused, the server shutting down or
 * starting, or every connection of the pool busy. The request is not to blame and may be retried,
 * so the edge answers 503 with {@code Retry-After}, and consumers retry the record.
 */
public final class DatabaseUnavailable {

  // Agroal says only this when no connection frees up within the acquisition timeout: "Sorry,
  // acquisition timeout!" from a full pool, "Acquisition timeout while waiting for new connection"
  // from a pool still opening its connections (a service just started on a busy machine).
  private static final String POOL_EXHAUSTED = "acquisition timeout";

  /** Whether {@code failure}, or one of its causes, says the database cannot serve now. */
  public static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && unavailable(sql)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean unavailable(SQLException sql) {
    String state = sql.getSQLState();
    if (state == null) {
      return sql.getMessage() != null
          && sql.getMessage().toLowerCase(Locale.ROOT).contains(POOL_EXHAUSTED);
    }
    // Class 08: connection exception; 57P01–57P03: shutting down, crashed, not yet accepting.
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03");
  }

  static Response answer() {
    return Response.fromResponse(
            new Problem(
                    "urn:casegrid:problem:unavailable",
                    "Service Unavailable",
                    503,
                    "the service cannot reach its database now; try again in a moment",
                    null,
                    List.of())
                .toResponse())
        .header("Retry-After", 1)
        .build();
  }

  private DatabaseUnavailable() {}
}
