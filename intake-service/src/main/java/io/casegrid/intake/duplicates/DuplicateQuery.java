package io.casegrid.intake.duplicates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.casegrid.intake.cases.RegisterCase;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the operator is about to register, as far as finding its duplicates needs: its category, and
 * its position or the asset it names. The body of a registration may be sent as it is; its other
 * fields (the reporter's among them) are not read.
 */
public record DuplicateQuery(
    @NotBlank @Size(max = 16) String categoryCode,
    @Valid RegisterCase.Position position,
    @Pattern(regexp = "\\d{16}", message = "must be a 16-digit component code") String assetCode) {

  // A rule over the fields, not a field: neither read from a body nor offered in the schema.
  @JsonIgnore
  @AssertTrue(message = "a position or an asset code is needed to find duplicates nearby")
  public boolean isPlaced() {
    return position != null || assetCode != null;
  }
}
