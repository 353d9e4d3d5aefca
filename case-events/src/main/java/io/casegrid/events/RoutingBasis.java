package io.casegrid.events;

/** Which rule placed a case with its department. */
public enum RoutingBasis {
  /** The registered owner of the asset (权属). */
  ASSET_OWNER,
  /** The routing catalogue: competent department for the category in the district. */
  ROUTING_CATALOGUE,
  /** The territorial office of the case's street, when nothing else matched (属地兜底). */
  TERRITORIAL_FALLBACK,
  /** A dispatcher's decision. */
  MANUAL,
  /** The owner a department named when it returned the case as not its own. */
  NAMED_ON_RETURN
}
