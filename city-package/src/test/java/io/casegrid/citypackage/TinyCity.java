package io.casegrid.citypackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small city package written by the tests: one district with one street, one community and two
 * grids, a utility, a bureau and the street's office, a cover category and an event, routing with a
 * territorial rule, policies, a calendar and three covers in a CSV with the city's own column
 * names. A test changes a file and writes the package to a folder.
 */
final class TinyCity {

  final Map<String, String> files = new LinkedHashMap<>();

  TinyCity() {
    files.put(
        "manifest.json",
        """
        {
          "format": "casegrid-city-package",
          "formatVersion": 1,
          "city": {"name": "小城", "nameEn": "Tiny Town"},
          "version": "1",
          "timeZone": "Asia/Shanghai",
          "assets": [{"file": "covers.csv", "format": "csv",
                      "columns": {"code": "编号", "categoryCode": "类别", "latitude": "纬度",
                                  "longitude": "经度", "ownerDepartmentCode": "权属"}}]
        }
        """);
    files.put(
        "areas.geojson",
        """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"code": "440101", "level": "district", "name": "河西区"},
           "geometry": {"type": "Polygon", "coordinates": [[[113,23],[113.2,23],[113.2,23.2],[113,23.2],[113,23]]]}},
          {"type": "Feature", "properties": {"code": "440101001", "name": "河西街道"},
           "geometry": {"type": "Polygon", "coordinates": [[[113,23],[113.2,23],[113.2,23.2],[113,23.2],[113,23]]]}},
          {"type": "Feature", "properties": {"code": "440101001001", "name": "柳树社区"},
           "geometry": {"type": "Polygon", "coordinates": [[[113,23],[113.2,23],[113.2,23.2],[113,23.2],[113,23]]]}},
          {"type": "Feature", "properties": {"code": "440101001001001", "name": "第1网格"},
           "geometry": {"type": "Polygon", "coordinates": [[[113,23],[113.1,23],[113.1,23.2],[113,23.2],[113,23]]]}},
          {"type": "Feature", "properties": {"code": "440101001001002", "name": "第2网格"},
           "geometry": {"type": "Polygon", "coordinates": [[[113.1,23],[113.2,23],[113.2,23.2],[113.1,23.2],[113.1,23]]]}}
        ]}
        """);
    files.put(
        "departments.json",
        """
        {
          "departments": [
            {"code": "TT-WATER", "name": "小城水务", "kind": "UTILITY"},
            {"code": "TT-CM", "name": "小城城管局", "kind": "BUREAU"},
            {"code": "TT-GOV", "name": "河西区政府", "kind": "TERRITORIAL"},
            {"code": "TT-ST1", "name": "河西街道办", "kind": "territorial", "parentCode": "TT-GOV"}
          ],
          "territories": [{"areaCode": "440101001", "departmentCode": "TT-ST1"}]
        }
        """);
    files.put(
        "categories.json",
        """
        {"categories": [
          {"code": "W01", "name": "水井盖", "kind": "COMPONENT", "defaultUrgency": "URGENT"},
          {"code": "G01", "name": "暴露垃圾", "kind": "EVENT", "defaultUrgency": "NORMAL"}
        ]}
        """);
    files.put(
        "routing.json",
        """
        {"rules": [
          {"categoryCode": "W01", "departmentCode": "TT-WATER"},
          {"categoryCode": "G01", "territorialOffice": "STREET"},
          {"categoryCode": "G01", "districtCode": "440101", "departmentCode": "TT-CM",
           "effectiveFrom": "2027-01-01T00:00:00+08:00"}
        ]}
        """);
    files.put(
        "deadlines.json",
        """
        {"policies": [
          {"urgency": "NORMAL", "sign": {"amount": 2, "unit": "WORKING_HOURS"},
           "resolve": {"amount": 5, "unit": "WORKING_DAYS"}},
          {"categoryCode": "W01", "urgency": "URGENT", "sign": {"amount": 0.5, "unit": "NATURAL_HOURS"},
           "resolve": {"amount": 4, "unit": "NATURAL_HOURS"}, "warningShare": 0.75}
        ],
         "supervisionOrderResponse": {"amount": 1, "unit": "WORKING_DAYS"}}
        """);
    files.put(
        "calendar.json",
        """
        {"workingPeriods": [{"start": "09:00", "end": "12:00"}, {"start": "14:00", "end": "18:00"}],
         "weekend": ["SATURDAY", "SUNDAY"],
         "holidays": [{"date": "2027-01-01", "name": "元旦"}],
         "makeUpWorkdays": [{"date": "2027-01-09", "name": "元旦调休"}]}
        """);
    files.put(
        "covers.csv",
        "编号,类别,纬度,经度,权属\n"
            + "4401010101000001,W01,23.1,113.05,TT-WATER\n"
            + "4401010101000002,W01,23.1,113.15,TT-WATER\n"
            + "4401010101000003,W01,23.15,113.15,\n");
  }

  TinyCity with(String file, String content) {
    files.put(file, content);
    return this;
  }

  TinyCity replace(String file, String from, String to) {
    String content = files.get(file);
    if (!content.contains(from)) {
      throw new IllegalArgumentException(file + " has no " + from);
    }
    files.put(file, content.replace(from, to));
    return this;
  }

  Path writtenTo(Path folder) {
    try {
      Files.createDirectories(folder);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(folder.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
