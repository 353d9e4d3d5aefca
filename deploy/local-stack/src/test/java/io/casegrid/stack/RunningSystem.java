package io.casegrid.stack;

import io.casegrid.embedded.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;

/**
 * The whole system, as the local stack starts it, on free ports and in a temporary folder: one per
 * test run (starting it takes half a minute), closed when the JVM ends.
 */
final class RunningSystem {

  private static LocalStack stack;
  private static TraceCollector traces;

  private RunningSystem() {}

  /** A request to the running system as a demo user. */
  static RequestSpecification as(String username) {
    return RestAssured.given().auth().oauth2(stack().tokens().forUser(username));
  }

  static synchronized LocalStack stack() {
    if (stack == null) {
      try {
        // Every service sends its traces here, as a city's would to its collector.
        traces = TraceCollector.start();
        System.setProperty(LocalStack.OTLP_ENDPOINT, traces.endpoint());
        Path home = Files.createTempDirectory("casegrid-system-");
        stack = LocalStack.start(onFreePorts(home));
        LocalStack started = stack;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      started.close();
                      traces.close();
                      try {
                        TestInfrastructure.deleteRecursively(home);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the system", e);
      }
    }
    return stack;
  }

  /**
   * A whole system's settings: data in {@code home}, every server on a free port, the services
   * built in this repository.
   */
  static LocalStack.Settings onFreePorts(Path home) {
    return LocalStack.Settings.onFreePorts(
        home,
        Path.of(System.getProperty("casegrid.repo.root", "../..")).toAbsolutePath().normalize(),
        false,
        "256m");
  }

  /** The spans the running system's services exported. */
  static synchronized TraceCollector traces() {
    stack();
    return traces;
  }

  /**
   * The department's {@code staff} signs for the case and reports it resolved with {@code result};
   * {@code verifier} passes it, and dispatch answers that it is CLOSED.
   */
  static void handledAndPassed(
      String id, String staff, String department, String result, String verifier) {
    for (String step : List.of("sign", "resolve")) {
      as(staff)
          .baseUri(stack().url("dispatch"))
          .contentType(ContentType.JSON)
          .body(step.equals("resolve") ? Map.of("result", result) : Map.of())
          .post("/api/departments/" + department + "/cases/" + id + "/" + step)
          .then()
          .statusCode(200);
    }
    as(verifier)
        .baseUri(stack().url("dispatch"))
        .contentType(ContentType.JSON)
        .body(Map.of("passed", true))
        .post("/api/cases/" + id + "/verification")
        .then()
        .statusCode(200)
        .body("state", Matchers.equalTo("CLOSED"));
  }

  /** A campaign the supervision centre created and launched at intake. */
  record LaunchedCampaign(String id, int itemsInScope) {}

  /** Creates {@code campaign} at intake and launches it, as the supervision centre does. */
  static LaunchedCampaign launchCampaign(Map<String, Object> campaign) {
    String intake = stack().url("intake");
    String id =
        as("supervisor1")
            .baseUri(intake)
            .contentType(ContentType.JSON)
            .body(campaign)
            .post("/api/campaigns")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    int itemsInScope =
        as("supervisor1")
            .baseUri(intake)
            .post("/api/campaigns/" + id + "/launch")
            .then()
            .statusCode(200)
            .extract()
            .path("itemsInScope");
    return new LaunchedCampaign(id, itemsInScope);
  }
}
