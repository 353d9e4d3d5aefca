package io.casegrid.intake.sensors;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;

/**
 * One alarm from a sensor gateway: raised or cleared, for an asset of the register, with the
 * measured value (tilt in degrees, water level in metres, gas in %LEL). Its id is the gateway's and
 * makes a resent alarm a duplicate.
 */
public record SensorAlarm(
    @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String alarmId,
    @NotNull @Pattern(regexp = "\\d{16}", message = "must be a 16-digit component code")
        String assetCode,
    @NotNull AlarmKind kind,
    @NotNull State state,
    Double value,
    @NotNull OffsetDateTime observedAt) {

  /** Whether the condition began or ended. */
  public enum State {
    RAISED,
    CLEARED
  }
}
