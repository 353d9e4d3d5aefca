package io.casegrid.intake.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.intake.reference.AreaLevel;
import io.casegrid.intake.reference.AreaReading;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.intake.reference.ReferenceData;
import io.casegrid.intake.reference.ReferenceDataImport;
import io.casegrid.intake.sensors.SensorAlarms;
import io.casegrid.intake.sensors.SensorRule;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.reference.CityPart;
import io.casegrid.kit.reference.StagedParts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Intake's part of a city package: the category catalogue, the areas and grids with their outlines,
 * the departments that own assets, the asset register, the Open311 client applications, the sensor
 * rules, and the package's manifest (the city's name and release, for the export). Checked by
 * loading it in a transaction that is rolled back, so that a part is refused for exactly what a
 * load would refuse; put in effect in place of what was loaded.
 */
@ApplicationScoped
public class IntakeCityPart implements CityPart {

  private final ObjectMapper json;
  private final Validator validator;
  private final ReferenceDataImport importer;
  private final SensorAlarms sensors;
  private final ReferenceCache cache;
  private final AreaReading areas;
  private final StagedParts parts;
  private final EntityManager entityManager;

  IntakeCityPart(
      ObjectMapper json,
      Validator validator,
      ReferenceDataImport importer,
      SensorAlarms sensors,
      ReferenceCache cache,
      AreaReading areas,
      StagedParts parts,
      EntityManager entityManager) {
    this.json = json;
    this.validator = validator;
    this.importer = importer;
    this.sensors = sensors;
    this.cache = cache;
    this.areas = areas;
    this.parts = parts;
    this.entityManager = entityManager;
  }

  @Override
  public List<DomainException.Violation> check(JsonNode part) {
    ReferenceData data;
    List<SensorRule> rules;
    try {
      data = data(part);
      rules = rules(part);
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
    Set<Object> kinds = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      int index = i;
      validator
          .validate(rules.get(i))
          .forEach(
              v ->
                  problems.add(
                      new DomainException.Violation(
                          "sensorRules[" + index + "]." + v.getPropertyPath(), v.getMessage())));
      if (!kinds.add(rules.get(i).kind())) {
        problems.add(
            new DomainException.Violation("sensorRules[" + i + "].kind", "has a rule already"));
      }
    }
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
      sensors.loadRules(rules(part));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a staged part no longer reads", e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public ObjectNode export() {
    ObjectNode part = json.createObjectNode();
    ArrayNode categories = part.putArray("categories");
    cache
        .categories()
        .forEach(
            c -> {
              ObjectNode n = categories.addObject();
              n.put("code", c.code()).put("name", c.name()).put("nameEn", c.nameEn());
              n.put("kind", c.kind().name()).put("defaultUrgency", c.defaultUrgency().name());
              n.put("duplicateRadiusMetres", c.duplicateRadiusMetres());
              n.put("duplicateWindowHours", c.duplicateWindowHours());
            });
    ArrayNode areaNodes = part.putArray("areas");
    for (JsonNode f : areas.geoJson(null, AreaLevel.GRID).path("features")) {
      ObjectNode a = ((ObjectNode) f.get("properties")).deepCopy();
      a.set("geometry", f.get("geometry"));
      areaNodes.add(a);
    }
    ArrayNode departments = part.putArray("departments");
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery("SELECT code, name, name_en FROM department ORDER BY code")
                .getResultList()) {
      departments
          .addObject()
          .put("code", (String) r[0])
          .put("name", (String) r[1])
          .put("nameEn", (String) r[2]);
    }
    ArrayNode assets = part.putArray("assets");
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT code, category_code, latitude, longitude, owner_department_code,"
                        + " address FROM asset ORDER BY code")
                .getResultList()) {
      ObjectNode a = assets.addObject();
      a.put("code", (String) r[0]).put("categoryCode", (String) r[1]);
      a.put("latitude", ((Number) r[2]).doubleValue());
      a.put("longitude", ((Number) r[3]).doubleValue());
      a.put("ownerDepartmentCode", (String) r[4]).put("address", (String) r[5]);
    }
    ArrayNode clients = part.putArray("open311Clients");
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT client_id, name, api_key_sha256 FROM open311_client ORDER BY"
                        + " client_id")
                .getResultList()) {
      clients
          .addObject()
          .put("clientId", (String) r[0])
          .put("name", (String) r[1])
          .put("apiKeySha256", (String) r[2]);
    }
    part.set("sensorRules", json.valueToTree(sensors.currentRules()));
    parts
        .active()
        .ifPresent(
            p -> {
              try {
                part.set("manifest", json.readTree(p.content()).path("manifest"));
              } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
              }
            });
    return part;
  }

  private ReferenceData data(JsonNode part)
      throws com.fasterxml.jackson.core.JsonProcessingException {
    ObjectNode copy = part.deepCopy();
    copy.remove("sensorRules");
    copy.remove("manifest");
    return json.treeToValue(copy, ReferenceData.class);
  }

  private List<SensorRule> rules(JsonNode part)
      throws com.fasterxml.jackson.core.JsonProcessingException {
    List<SensorRule> rules = new ArrayList<>();
    for (JsonNode r : part.path("sensorRules")) {
      rules.add(json.treeToValue(r, SensorRule.class));
    }
    return rules;
  }
}
