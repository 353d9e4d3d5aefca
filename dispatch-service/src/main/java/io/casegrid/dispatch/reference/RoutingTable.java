package io.casegrid.dispatch.reference;

import io.casegrid.dispatch.routing.Router;
import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The router built from the current reference data, kept in memory between loads. */
@ApplicationScoped
public class RoutingTable {

  private final EntityManager entityManager;
  private final ReferenceVersion.Cached<Router> router;

  RoutingTable(EntityManager entityManager, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.router = version.cache(Duration.ofSeconds(5), v -> load());
  }

  /** The current router; call inside a transaction. */
  public Router router() {
    return router.get();
  }

  void invalidate() {
    router.invalidate();
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }

  @SuppressWarnings("unchecked")
  private Router load() {
    List<Router.Rule> rules =
        ((List<Object[]>)
                entityManager
                    .createNativeQuery(
                        "SELECT category_code, district_code, department_code, territorial_office,"
                            + " co_handler_codes, effective_from FROM routing_rule")
                    .getResultList())
            .stream()
                .map(
                    r ->
                        new Router.Rule(
                            (String) r[0],
                            (String) r[1],
                            (String) r[2],
                            r[3] == null ? null : Router.TerritorialOffice.valueOf((String) r[3]),
                            Arrays.stream(((String) r[4]).split(","))
                                .filter(s -> !s.isBlank())
                                .toList(),
                            instant(r[5])))
                .toList();
    Map<String, String> territories = new HashMap<>();
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery("SELECT area_code, department_code FROM territory")
                .getResultList()) {
      territories.put((String) r[0], (String) r[1]);
    }
    Set<String> departments =
        new HashSet<>(
            entityManager.createNativeQuery("SELECT code FROM department").getResultList());
    return new Router(rules, territories, departments);
  }
}
