package io.casegrid.supervision.policy;

import static io.casegrid.embedded.DemoUsers.as;

import java.util.UUID;

/**
 * What supervision has loaded, taken before a test loads a city's rules and put back after it, so
 * that the other tests of the run find the rules they loaded themselves (a load by reference data
 * adds to the policies, a part replaces them).
 */
final class LoadedRules {

  private static final String PART = "application/vnd.casegrid.city-part+json";

  private LoadedRules() {}

  /** The rules loaded now, as supervision's part. */
  static String taken() {
    return as("admin1").get("/api/admin/city-package").then().statusCode(200).extract().asString();
  }

  /** Puts a part in effect, replacing what is loaded. */
  static void putBack(String part) {
    String load = UUID.randomUUID().toString();
    as("admin1")
        .contentType(PART)
        .body(part)
        .queryParam("load", load)
        .put("/api/admin/city-package/staging")
        .then()
        .statusCode(200);
    as("admin1")
        .post("/api/admin/city-package/staging/" + load + "/activation")
        .then()
        .statusCode(200);
  }
}
