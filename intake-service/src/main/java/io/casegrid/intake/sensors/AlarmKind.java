package io.casegrid.intake.sensors;

/** What a smart manhole cover reports (智能井盖报警类型). */
public enum AlarmKind {
  TILT,
  OPEN,
  DISPLACEMENT,
  SETTLEMENT,
  MISSING,
  WATER_LEVEL,
  GAS
}
