package io.casegrid.intake.duplicates;

import io.casegrid.events.Channel;
import io.casegrid.intake.cases.RegisterCase;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Another person reporting a problem that an open case already holds: they join that case, as
 * confirmed by the operator, and are told its number. Photos they send are added to the case as any
 * photo of it is. {@code note} is what they add to the case's description, if anything.
 */
public record AddReporter(
    @NotNull Channel channel,
    @Size(max = 5000) String note,
    @NotNull @Valid RegisterCase.Reporter reporter) {}
