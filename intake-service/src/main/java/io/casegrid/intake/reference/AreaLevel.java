package io.casegrid.intake.reference;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Levels of the administrative division: district (区), street (街道), community (社区), grid (网格). */
public enum AreaLevel {
  DISTRICT,
  STREET,
  COMMUNITY,
  GRID;

  /** A level as a city's files write it, in any case; unknown names are refused by Jackson. */
  @JsonCreator
  public static AreaLevel of(String name) {
    return AreaCodes.parseLevel(name)
        .orElseThrow(() -> new IllegalArgumentException(AreaCodes.levelProblem(name)));
  }
}
