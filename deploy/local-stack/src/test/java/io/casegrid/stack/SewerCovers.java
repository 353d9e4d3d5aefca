package io.casegrid.stack;

import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;

/**
 * Missing sewer covers at the Hubin crossing (grid 339901001001001), which routing gives the
 * drainage company: the case the consoles' tests work on, filed through intake's API.
 */
final class SewerCovers {

  /** A case as intake filed it. */
  record Filed(String id, String number) {}

  private SewerCovers() {}

  /**
   * Files one as {@code username} would, on the channel given ({@code HOTLINE} for a citizen's
   * complaint, whose repair the hotline verifies; {@code GRID_INSPECTOR} for an inspector's
   * report), and waits until dispatch has put it in DRAINAGE's queue.
   */
  static Filed filedAndDispatched(String username, String channel, String description) {
    LocalStack system = RunningSystem.stack();
    JsonPath filed =
        RunningSystem.as(username)
            .baseUri(system.url("intake"))
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "kind",
                    channel.equals("HOTLINE") ? "COMPLAINT" : "REPORT",
                    "channel",
                    channel,
                    "categoryCode",
                    "0102",
                    "description",
                    description,
                    "position",
                    Map.of("latitude", 30.215, "longitude", 120.0865),
                    "reporter",
                    Map.of("anonymous", true)))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    Filed c = new Filed(filed.getString("id"), filed.getString("caseNumber"));
    // Dispatch answers 404 until it has read the case from intake's topic.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inDispatch(c.id()).getString("departmentCode"), "DRAINAGE"::equals);
    return c;
  }

  /** The case as dispatch's API shows it to a dispatcher; a problem while it does not know it. */
  static JsonPath inDispatch(String id) {
    return RunningSystem.as("dispatcher1")
        .baseUri(RunningSystem.stack().url("dispatch"))
        .get("/api/cases/" + id)
        .then()
        .extract()
        .jsonPath();
  }
}
