package io.casegrid.kit.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.kit.domain.DomainException;
import java.util.List;

/**
 * A service's part of a city package: what it checks in its part by its own rules, how it puts a
 * part in effect in place of what it had (what the part does not hold is retired), and what it has
 * loaded, written as a part. Each service has one; the kit's administration endpoint stages and
 * activates parts through it ({@code docs/CITY-PACKAGE.md}).
 */
public interface CityPart {

  /**
   * Every problem of the part, each naming its field in the part; empty if it can be activated.
   * Runs in a transaction that is always rolled back, so a service may check a part by loading it.
   */
  List<DomainException.Violation> check(JsonNode part);

  /**
   * Puts the part in effect, replacing the service's reference data; in the caller's transaction.
   */
  void apply(JsonNode part);

  /** The reference data in effect, as a part (the same shape {@link #apply} takes). */
  ObjectNode export();
}
