package io.casegrid.events;

import java.time.Instant;

/**
 * The hotline answered the case on the call and closed it there (首接办结): no department is needed, so
 * dispatch does not route it. The answer itself stays in intake.
 */
public record FirstContactResolution(String actor, Instant closedAt) {}
