package io.casegrid.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

  private final ProblemMappers edge = new ProblemMappers();

  @Test
  void aPoolWithNoConnectionFreeIsAnsweredAsUnavailableToBeRetried() {
    Response response =
        edge.bug(
            new PersistenceException(
                "Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!")));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(((Problem) response.getEntity()).type())
        .isEqualTo("urn:casegrid:problem:unavailable");
  }

  @Test
  void aPoolStillOpeningItsConnectionsThatCannotGiveOneInTimeIsUnavailableToo() {
    Response response =
        edge.bug(
            new PersistenceException(
                "Unable to acquire JDBC Connection [Acquisition timeout while waiting for new"
                    + " connection]",
                new SQLException("Acquisition timeout while waiting for new connection")));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void aLostOrRefusedConnectionAndAServerShuttingDownAreUnavailableToo() {
    assertThat(edge.bug(new PersistenceException(new SQLException("refused", "08001"))).getStatus())
        .isEqualTo(503);
    assertThat(edge.bug(new IllegalStateException(new SQLException("gone", "08006"))).getStatus())
        .isEqualTo(503);
    assertThat(edge.bug(new PersistenceException(new SQLException("bye", "57P01"))).getStatus())
        .isEqualTo(503);
  }

  @Test
  void anyOtherFailureOfTheDatabaseIsStillABug() {
    Response response = edge.bug(new PersistenceException(new SQLException("null", "23502")));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderString("Retry-After")).isNull();
  }
}
