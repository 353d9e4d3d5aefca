package io.casegrid.kit.security;

/**
 * The roles of the identity provider's realm (realm roles in Keycloak). Every endpoint names the
 * roles that may call it; {@code docs/SECURITY.md} lists every endpoint against every role.
 */
public final class Roles {

  /** Hotline operator (话务员): registers cases for callers, sees callers' personal data. */
  public static final String OPERATOR = "operator";

  /** Grid inspector (网格员): reports from the field, verifies repairs. */
  public static final String INSPECTOR = "inspector";

  /** Dispatcher (派遣员): arbitration, manual dispatch, approvals; reads every department. */
  public static final String DISPATCHER = "dispatcher";

  /** Staff of one department (处置部门): only that department's cases. */
  public static final String DEPARTMENT_STAFF = "department-staff";

  /** Lead of one department: approves within it. */
  public static final String DEPARTMENT_LEAD = "department-lead";

  /** Supervision centre (督办中心): deadlines, orders and accountability of every department. */
  public static final String SUPERVISOR = "supervisor";

  /** Leadership (领导): aggregates, rankings and bulletins, read only. */
  public static final String LEADER = "leader";

  /** Administrator: reference data, rules, calendars. */
  public static final String ADMIN = "admin";

  /** Machine client: an Open311 application. */
  public static final String OPEN311_CLIENT = "open311-client";

  /** Machine client: a smart-sensor gateway. */
  public static final String SENSOR_GATEWAY = "sensor-gateway";

  private Roles() {}
}
