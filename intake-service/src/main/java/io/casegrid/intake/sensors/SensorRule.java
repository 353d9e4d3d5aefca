package io.casegrid.intake.sensors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * When an alarm of a kind opens a case: its value at or above {@code threshold} (any value when
 * none), held for {@code debounceSeconds}, so that a passing truck's jolt does not open a case.
 */
public record SensorRule(
    @NotNull AlarmKind kind, Double threshold, @Min(0) @Max(86_400) int debounceSeconds) {}
