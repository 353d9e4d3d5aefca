package io.casegrid.intake.campaigns;

import io.casegrid.kit.domain.DomainException;
import java.time.LocalDate;
import java.util.List;

/**
 * What a campaign covers: the asset kinds (component categories, e.g. the 14 cover classes
 * 0101–0114), the areas (districts, streets, communities or grids by code; none for the whole city)
 * and the date of the register its census reads (the register as it stands at launch, which is on
 * or after that date).
 */
public record CampaignScope(
    List<String> categoryCodes, List<String> areaCodes, LocalDate registerAsOf) {

  public CampaignScope {
    if (categoryCodes == null || categoryCodes.isEmpty()) {
      throw DomainException.invalidField(
          "invalid-scope", "scope.categoryCodes", "must name at least one asset kind");
    }
    areaCodes = areaCodes == null ? List.of() : List.copyOf(areaCodes);
    categoryCodes = List.copyOf(categoryCodes);
    for (int i = 0; i < areaCodes.size(); i++) {
      if (!areaCodes.get(i).matches("\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
        throw DomainException.invalidField(
            "invalid-scope",
            "scope.areaCodes[" + i + "]",
            "must be the code of a district, street, community or grid");
      }
    }
    if (registerAsOf == null) {
      throw DomainException.invalidField(
          "invalid-scope", "scope.registerAsOf", "must give the date of the register");
    }
  }

  /** Whether an asset in {@code gridCode} lies in the campaign's areas. */
  public boolean covers(String gridCode) {
    return gridCode != null
        && (areaCodes.isEmpty() || areaCodes.stream().anyMatch(gridCode::startsWith));
  }
}
