package io.casegrid.dispatch.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.reference.CityPart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Dispatch's part of a city package: the departments with their hierarchy, the territorial offices
 * of streets and communities, and the routing rules — its reference data, checked by the same rules
 * as a load, and put in effect in place of what was loaded.
 */
@ApplicationScoped
public class DispatchCityPart implements CityPart {

  private final ObjectMapper json;
  private final Validator validator;
  private final DispatchReferenceImport importer;
  private final DepartmentDirectory directory;
  private final RoutingCatalogue catalogue;

  DispatchCityPart(
      ObjectMapper json,
      Validator validator,
      DispatchReferenceImport importer,
      DepartmentDirectory directory,
      RoutingCatalogue catalogue) {
    this.json = json;
    this.validator = validator;
    this.importer = importer;
    this.directory = directory;
    this.catalogue = catalogue;
  }

  @Override
  public List<DomainException.Violation> check(JsonNode part) {
    DispatchReferenceData data;
    try {
      data = json.treeToValue(part, DispatchReferenceData.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return List.of(new DomainException.Violation("", e.getMessage()));
    }
    List<DomainException.Violation> problems = new ArrayList<>();
    validator
        .validate(data)
        .forEach(
            v ->
                problems.add(
                    new DomainException.Violation(v.getPropertyPath().toString(), v.getMessage())));
    if (problems.isEmpty()) {
      importer
          .problems(data, true)
          .forEach(e -> problems.add(new DomainException.Violation(e.field(), e.message())));
    }
    return problems;
  }

  @Override
  public void apply(JsonNode part) {
    try {
      importer.load(json.treeToValue(part, DispatchReferenceData.class), true);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a staged part no longer reads", e);
    }
  }

  @Override
  public ObjectNode export() {
    ObjectNode part = json.createObjectNode();
    ArrayNode departments = part.putArray("departments");
    Departments all = directory.departments();
    List<Departments.Department> ordered = new ArrayList<>();
    all.top()
        .forEach(
            d ->
                ordered.addAll(
                    all.subtree(d.code()).stream().map(c -> all.find(c).orElseThrow()).toList()));
    for (Departments.Department d : ordered) {
      ObjectNode n = departments.addObject();
      n.put("code", d.code()).put("name", d.name()).put("nameEn", d.nameEn());
      n.put("kind", d.kind().name()).put("parentCode", d.parentCode());
    }
    ArrayNode territories = part.putArray("territories");
    for (RoutingCatalogue.Territory t : catalogue.territories()) {
      territories
          .addObject()
          .put(t.level().equals("STREET") ? "streetCode" : "communityCode", t.areaCode())
          .put("departmentCode", t.departmentCode());
    }
    ArrayNode rules = part.putArray("routingRules");
    for (RoutingCatalogue.Rule r : catalogue.rules(null, null, Instant.now())) {
      ObjectNode n = rules.addObject();
      n.put("categoryCode", r.categoryCode());
      n.put("districtCode", r.districtCode());
      n.put("departmentCode", r.departmentCode());
      n.put(
          "territorialOffice", r.territorialOffice() == null ? null : r.territorialOffice().name());
      ArrayNode co = n.putArray("coHandlerCodes");
      r.coHandlerCodes().forEach(co::add);
      n.put(
          "effectiveFrom",
          r.effectiveFrom() == null ? null : r.effectiveFrom().atOffset(ZoneOffset.UTC).toString());
    }
    return part;
  }
}
