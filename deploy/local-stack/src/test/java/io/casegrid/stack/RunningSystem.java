package io.casegrid.stack;

import io.casegrid.embedded.FreePorts;
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
        Path repo = Path.of(System.getProperty("casegrid.repo.root", "../.."));
        stack =
            LocalStack.start(
                new LocalStack.Settings(
                    home,
                    repo.toAbsolutePath().normalize(),
                    FreePorts.next(),
                    FreePorts.next(),
                    FreePorts.next(),
                    FreePorts.next(),
                    Map.of(
                        "intake", FreePorts.next(),
                        "dispatch", FreePorts.next(),
                        "supervision", FreePorts.next()),
                    "256m"));
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
}
