package io.casegrid.citypackage;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a field of a service's part ({@code routingRules[3].departmentCode}) as the package names
 * it (routing.json, the line of {@code rules[3]}), so that a service's refusal is reported where
 * the administrator finds it. The parts keep the package's order item for item.
 */
final class PartFields {

  private static final Pattern ITEM =
      Pattern.compile("^([A-Za-z]+(?:\\.[A-Za-z]+)?)\\[(\\d+)](.*)$");

  // A list of a part, and the file and list of the package it comes from.
  private static final Map<String, String[]> SOURCES =
      Map.of(
          "categories", new String[] {CityPackage.CATEGORIES, "categories"},
          "areas", new String[] {CityPackage.AREAS, "features"},
          "departments", new String[] {CityPackage.DEPARTMENTS, "departments"},
          "territories", new String[] {CityPackage.DEPARTMENTS, "territories"},
          "routingRules", new String[] {CityPackage.ROUTING, "rules"},
          "deadlinePolicies", new String[] {CityPackage.DEADLINES, "policies"},
          "calendar.holidays", new String[] {CityPackage.CALENDAR, "holidays"},
          "calendar.makeUpWorkdays", new String[] {CityPackage.CALENDAR, "makeUpWorkdays"},
          "open311Clients", new String[] {CityPackage.OPEN311_CLIENTS, "clients"},
          "sensorRules", new String[] {CityPackage.SENSOR_RULES, "rules"});

  private PartFields() {}

  static Optional<CityPackage.Item> item(CityPackage p, String field) {
    Matcher m = ITEM.matcher(field);
    if (!m.matches() || !SOURCES.containsKey(m.group(1))) {
      return Optional.empty();
    }
    String[] source = SOURCES.get(m.group(1));
    int index = Integer.parseInt(m.group(2));
    var items = p.list(source[0], source[1]);
    return index < items.size() ? Optional.of(items.get(index)) : Optional.empty();
  }

  static String field(String field) {
    Matcher m = ITEM.matcher(field);
    if (!m.matches() || !SOURCES.containsKey(m.group(1))) {
      return field;
    }
    return SOURCES.get(m.group(1))[1] + "[" + m.group(2) + "]" + m.group(3);
  }
}
