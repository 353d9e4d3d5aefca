package io.casegrid.embedded;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/**
 * Requests made as the shipped realm's demo users, with real signed tokens from the test run's
 * identity provider: {@code as("drainage1").post(...)}.
 */
public final class DemoUsers {

  /** A member of staff of each department the tests act for. */
  private static final Map<String, String> STAFF =
      Map.of(
          "DRAINAGE", "drainage1",
          "WATER", "water1",
          "HEATING", "heating1",
          "HOUSING", "housing1",
          "CM-339901", "citymgmt1",
          "ST-339901001", "hubin1");

  /** The shipped realm's demo Open311 application: client id and secret. */
  public static final Map.Entry<String, String> OPEN311_CLIENT =
      Map.entry("open311-demo-app", "open311-demo-secret");

  /**
   * The Open311 api_key of the demo application {@code open311-demo-app}; the demo reference data
   * of intake keeps only its SHA-256.
   */
  public static final String OPEN311_API_KEY = "o311-708cc52ef6b996865488aaa9fe2fd3d0ba59c1b2";

  /** The shipped realm's demo sensor gateway: client id and secret. */
  public static final Map.Entry<String, String> SENSOR_CLIENT =
      Map.entry("sensor-gateway-demo", "sensor-gateway-demo-secret");

  private DemoUsers() {}

  /** As a machine client, with a client-credentials token. */
  public static RequestSpecification asClient(Map.Entry<String, String> client) {
    return RestAssured.given()
        .auth()
        .oauth2(TestInfrastructure.shared().tokens().forClient(client.getKey(), client.getValue()));
  }

  public static RequestSpecification as(String username) {
    return RestAssured.given()
        .auth()
        .oauth2(TestInfrastructure.shared().tokens().forUser(username));
  }

  /** The demo user who works in {@code department}. */
  public static String staffOf(String department) {
    String user = STAFF.get(department);
    if (user == null) {
      throw new IllegalArgumentException("no demo user works in " + department);
    }
    return user;
  }

  /**
   * As a member of {@code department}: its demo user, or for a department a test made up for
   * itself, a signed token with the staff role and that department.
   */
  public static RequestSpecification asStaffOf(String department) {
    if (STAFF.containsKey(department)) {
      return as(staffOf(department));
    }
    return RestAssured.given()
        .auth()
        .oauth2(TestInfrastructure.shared().identity().staffTokenFor(department));
  }
}
