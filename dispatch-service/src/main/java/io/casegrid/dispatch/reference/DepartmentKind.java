package io.casegrid.dispatch.reference;

/** Utility that owns assets (权属单位), bureau (职能部门) or territorial office (属地: 区/街道). */
public enum DepartmentKind {
  UTILITY,
  BUREAU,
  TERRITORIAL
}
