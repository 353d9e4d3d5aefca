package io.casegrid.supervision.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.reference.CityPart;
import io.casegrid.supervision.deadline.WorkingPeriod;
import io.casegrid.supervision.metrics.MetricWeights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervision's part of a city package: the working calendar, the deadline policies, the orders'
 * response limit, the escalation ladder, the composite's weights, and the areas and names its map
 * and bulletins show. Checked by loading it in a transaction that is rolled back, so that a part is
 * refused for exactly what a load would refuse; put in effect in place of what was loaded.
 */
@ApplicationScoped
public class SupervisionCityPart implements CityPart {

  private final ObjectMapper json;
  private final Validator validator;
  private final SupervisionReferenceImport importer;
  private final RulesReading reading;
  private final MetricWeights weights;
  private final EntityManager entityManager;

  SupervisionCityPart(
      ObjectMapper json,
      Validator validator,
      SupervisionReferenceImport importer,
      RulesReading reading,
      MetricWeights weights,
      EntityManager entityManager) {
    this.json = json;
    this.validator = validator;
    this.importer = importer;
    this.reading = reading;
    this.weights = weights;
    this.entityManager = entityManager;
  }

  @Override
  public List<DomainException.Violation> check(JsonNode part) {
    List<DomainException.Violation> problems = new ArrayList<>();
    SupervisionReferenceData data;
    try {
      data = data(part);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return List.of(new DomainException.Violation("", e.getMessage()));
    }
    validator
        .validate(data)
        .forEach(
            v ->
                problems.add(
                    new DomainException.Violation(v.getPropertyPath().toString(), v.getMessage())));
    MetricWeights.problems(weightsOf(part))
        .forEach(p -> problems.add(new DomainException.Violation("metricWeights", p)));
    if (problems.isEmpty()) {
      try {
        importer.load(data, true);
      } catch (DomainException e) {
        problems.addAll(e.violations());
      }
    }
    return problems;
  }

  @Override
  public void apply(JsonNode part) {
    try {
      importer.load(data(part), true);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a staged part no longer reads", e);
    }
    weights.replace(weightsOf(part));
  }

  @Override
  public ObjectNode export() {
    ObjectNode part = json.createObjectNode();
    RulesReading.Calendar calendar = reading.calendar(null);
    ObjectNode c = part.putObject("calendar");
    ArrayNode periods = c.putArray("workingPeriods");
    for (WorkingPeriod p : calendar.workingPeriods()) {
      periods.addObject().put("start", p.start().toString()).put("end", p.end().toString());
    }
    ArrayNode weekend = c.putArray("weekend");
    calendar.weekend().forEach(d -> weekend.add(d.name()));
    ArrayNode holidays = c.putArray("holidays");
    ArrayNode makeUps = c.putArray("makeUpWorkdays");
    for (RulesReading.Day d : calendar.days()) {
      (d.kind().equals("HOLIDAY") ? holidays : makeUps)
          .addObject()
          .put("date", d.date().toString())
          .put("name", d.name());
    }
    RulesReading.Policies policies = reading.policies();
    part.set("deadlinePolicies", json.valueToTree(policies.policies()));
    if (policies.supervisionOrderResponse() != null) {
      part.set("supervisionOrderResponse", json.valueToTree(policies.supervisionOrderResponse()));
    }
    RulesReading.Ladder ladder = reading.ladder();
    if (!ladder.rungs().isEmpty()) {
      ObjectNode l = part.putObject("escalationLadder").put("period", ladder.period().name());
      ArrayNode rungs = l.putArray("rungs");
      ladder
          .rungs()
          .forEach(
              r ->
                  rungs
                      .addObject()
                      .put("overdueCases", r.overdueCases())
                      .put("step", r.step().name()));
    }
    if (!weights.loaded().isEmpty()) {
      ObjectNode w = part.putObject("metricWeights");
      weights.loaded().forEach(w::put);
    }
    part.set("areas", areas());
    return part;
  }

  private SupervisionReferenceData data(JsonNode part)
      throws com.fasterxml.jackson.core.JsonProcessingException {
    ObjectNode copy = part.deepCopy();
    copy.remove("metricWeights");
    return json.treeToValue(copy, SupervisionReferenceData.class);
  }

  private static Map<String, BigDecimal> weightsOf(JsonNode part) {
    Map<String, BigDecimal> weights = new LinkedHashMap<>();
    part.path("metricWeights")
        .fields()
        .forEachRemaining(
            e ->
                weights.put(
                    e.getKey(), e.getValue().isNumber() ? e.getValue().decimalValue() : null));
    return weights;
  }

  @SuppressWarnings("unchecked")
  private ArrayNode areas() {
    ArrayNode areas = json.createArrayNode();
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT code, level, name, name_en, parent_code, geometry FROM area ORDER BY"
                        + " length(code), code")
                .getResultList()) {
      ObjectNode a = areas.addObject();
      a.put("code", (String) r[0]).put("level", (String) r[1]).put("name", (String) r[2]);
      a.put("nameEn", (String) r[3]).put("parentCode", (String) r[4]);
      try {
        a.set("geometry", json.readTree((String) r[5]));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return areas;
  }
}
