package io.casegrid.intake.reference;

/** The classes of the category catalogue: component (部件), event (事件), hotline demand (诉求). */
public enum CategoryKind {
  COMPONENT,
  EVENT,
  DEMAND
}
