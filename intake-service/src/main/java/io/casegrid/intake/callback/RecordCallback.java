package io.casegrid.intake.callback;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.casegrid.events.Satisfaction;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The outcome of a callback as the operator records it: whether the citizen was reached and, if so,
 * whether the problem is solved and how satisfied they are.
 */
public record RecordCallback(
    @NotNull Boolean contacted,
    Boolean resolved,
    Satisfaction satisfaction,
    @Size(max = 2000) String comment) {

  // A rule over the fields, not a field: neither read from a body nor offered in the schema.
  @JsonIgnore
  @AssertTrue(
      message =
          "a citizen reached says whether the problem is resolved and how satisfied they are;"
              + " one not reached says neither")
  public boolean isVerdictGivenOnlyWhenContacted() {
    if (contacted == null) {
      return true; // reported on contacted
    }
    return contacted
        ? resolved != null && satisfaction != null
        : resolved == null && satisfaction == null;
  }
}
