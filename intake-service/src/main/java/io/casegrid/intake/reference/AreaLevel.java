package io.casegrid.intake.reference;

/** Levels of the administrative division: district (区), street (街道), community (社区), grid (网格). */
public enum AreaLevel {
  DISTRICT,
  STREET,
  COMMUNITY,
  GRID
}
