package io.casegrid.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.EventCodec;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

  @Test
  void retriesAConcurrentChangeADeadlockAndALostConnection() {
    assertThat(EventInbox.isTransient(new RuntimeException(new OptimisticLockException("v"))))
        .isTrue();
    assertThat(EventInbox.isTransient(new RuntimeException(new SQLException("deadlock", "40P01"))))
        .isTrue();
    assertThat(EventInbox.isTransient(new IllegalStateException(new SQLException("gone", "08006"))))
        .isTrue();
    assertThat(
            EventInbox.isTransient(
                new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
        .isTrue();
  }

  @Test
  void setsAsideWhatWillFailAgainEveryTime() {
    assertThat(EventInbox.isTransient(new EventCodec.MalformedEventException("not an event")))
        .isFalse();
    assertThat(EventInbox.isTransient(new RuntimeException(new SQLException("null", "23502"))))
        .isFalse();
  }
}
