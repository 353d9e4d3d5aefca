package io.casegrid.intake.duplicates;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** A case registered earlier that reports the same problem, to merge into the case of the path. */
public record MergeCase(@NotNull UUID caseId, @Size(max = 2000) String reason) {}
