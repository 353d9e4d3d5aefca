package io.casegrid.dispatch.cases;

import static io.casegrid.dispatch.DemoCases.post;
import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A department that finds an asset that is not its own refers the case to the owner (移交权属单位):
 * straight into the owner's queue, without arbitration and without a return counted.
 */
@QuarkusTest
class ReferringToTheAssetsOwnerTest {

  private static final TopicProbe events = DemoCases.events();
  private static final String COVER = "3399010102000001";

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  /** A sewage cover the asset register gives to DRAINAGE, signed for by DRAINAGE. */
  private static UUID signedByDrainage() {
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, "DRAINAGE");
    DemoCases.dispatched(cover);
    post("/api/departments/DRAINAGE/cases/" + cover.caseId() + "/sign", null)
        .then()
        .statusCode(200);
    return cover.caseId();
  }

  private static Response refer(String department, UUID id, Map<String, Object> referral) {
    return post("/api/departments/" + department + "/cases/" + id + "/referral", referral);
  }

  private static Map<String, Object> toHeating() {
    return Map.of("ownerCode", "HEATING", "reason", "打开后为热力检查井，非排水设施");
  }

  private static List<String> timeline(UUID id) {
    return as("dispatcher1").get("/api/cases/" + id + "/timeline").then().extract().path("action");
  }

  @Test
  void sendsACoverFoundToBeAnotherDepartmentsStraightToTheOwnersQueue() {
    UUID id = signedByDrainage();

    refer("DRAINAGE", id, toHeating())
        .then()
        .statusCode(200)
        .body("caseId", equalTo(id.toString()))
        .body("departmentCode", equalTo("DRAINAGE"))
        .body("ownerCode", equalTo("HEATING"))
        .body("assetCode", equalTo(COVER))
        .body("registeredOwnerCode", equalTo("DRAINAGE"))
        .body("referredBy", equalTo("drainage1"));

    as("dispatcher1")
        .get("/api/cases/" + id)
        .then()
        .body("departmentCode", equalTo("HEATING"))
        .body("state", equalTo("DISPATCHED"))
        .body("signedAt", nullValue())
        .body("basis", equalTo("ASSET_OWNER"))
        .body("ruleReference", equalTo("referral:DRAINAGE:" + COVER))
        .body("returnCount", equalTo(0));
    asStaffOf("HEATING")
        .queryParam("size", 200)
        .get("/api/departments/HEATING/queue")
        .then()
        .body("items.caseId", hasItem(id.toString()));
    asStaffOf("DRAINAGE").get("/api/cases/" + id).then().statusCode(404);
    as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .body("action", equalTo(List.of("DISPATCH", "SIGN", "REFER")))
        .body("[2].actor", equalTo("drainage1"))
        .body("[2].departmentCode", equalTo("DRAINAGE"))
        .body("[2].to", equalTo("DISPATCHED"))
        .body("[2].reason", equalTo("to HEATING, owner of asset " + COVER + ": 打开后为热力检查井，非排水设施"));
    post("/api/departments/HEATING/cases/" + id + "/sign", null).then().statusCode(200);
  }

  @Test
  void announcesTheReferralForTheAssetRegisterAndTheDispatchToTheOwnerButNoReturn() {
    UUID id = signedByDrainage();

    refer("DRAINAGE", id, toHeating()).then().statusCode(200);

    List<CaseDispatched> dispatches =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> DemoCases.seen(events, id, CaseDispatched.class), l -> l.size() == 2);
    assertThat(dispatches.get(1).departmentCode()).isEqualTo("HEATING");
    assertThat(dispatches.get(1).basis()).isEqualTo(RoutingBasis.ASSET_OWNER);
    assertThat(DemoCases.seen(events, id, CaseReferred.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.departmentCode()).isEqualTo("DRAINAGE");
              assertThat(r.ownerCode()).isEqualTo("HEATING");
              assertThat(r.assetCode()).isEqualTo(COVER);
              assertThat(r.registeredOwnerCode()).isEqualTo("DRAINAGE");
              assertThat(r.actor()).isEqualTo("drainage1");
            });
    assertThat(DemoCases.seen(events, id, CaseReturned.class)).isEmpty();
  }

  @Test
  void keepsTheDeadlinesTheCaseHadWhenItIsReferred() {
    UUID id = signedByDrainage();
    Instant signDue = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    Instant resolveDue = Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS);
    events.send(
        Topics.SUPERVISION_CASES,
        id.toString(),
        DemoCases.CODEC.write(
            DemoCases.CODEC.envelope(
                new DeadlineSet(
                    id, "DRAINAGE", "0102/URGENT", Instant.now(), signDue, null, resolveDue),
                "/test/supervision",
                Instant.now())));
    JsonPath before =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> as("dispatcher1").get("/api/cases/" + id).jsonPath(),
                c -> c.get("resolveDueAt") != null);

    refer("DRAINAGE", id, toHeating()).then().statusCode(200);

    as("dispatcher1")
        .get("/api/cases/" + id)
        .then()
        .body("departmentCode", equalTo("HEATING"))
        .body("signDueAt", equalTo(before.getString("signDueAt")))
        .body("resolveDueAt", equalTo(before.getString("resolveDueAt")));
  }

  @Test
  void namesTheAssetTheDepartmentFoundWhenItIsAnotherThanTheOneReported() {
    UUID id = signedByDrainage();
    String found = "3399010110000007";

    refer(
            "DRAINAGE",
            id,
            Map.of("ownerCode", "HEATING", "assetCode", found, "reason", "报修井号有误，实为热力井"))
        .then()
        .statusCode(200)
        .body("assetCode", equalTo(found))
        .body("registeredOwnerCode", nullValue());
  }

  @Test
  void refusesAReferralToItselfOrToAnUnknownDepartmentAndChangesNothing() {
    UUID id = signedByDrainage();

    refer("DRAINAGE", id, Map.of("ownerCode", "DRAINAGE", "reason", "x"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("ownerCode"));
    refer("DRAINAGE", id, Map.of("ownerCode", "NOBODY", "reason", "x"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("ownerCode"));
    refer("DRAINAGE", id, Map.of("ownerCode", "heating", "reason", "x")).then().statusCode(400);

    assertThat(timeline(id)).containsExactly("DISPATCH", "SIGN");
  }

  @Test
  void refusesToReferACaseWithoutAnAssetUnlessTheDepartmentNamesIt() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));

    refer("DRAINAGE", id, toHeating())
        .then()
        .statusCode(422)
        .body("type", equalTo("urn:casegrid:problem:asset-required"))
        .body("errors[0].field", equalTo("assetCode"));
    assertThat(timeline(id)).containsExactly("DISPATCH");

    refer(
            "DRAINAGE",
            id,
            Map.of("ownerCode", "HEATING", "assetCode", COVER, "reason", "现场井盖编号为热力井"))
        .then()
        .statusCode(200)
        .body("registeredOwnerCode", nullValue());
  }

  @Test
  void letsOnlyTheDepartmentThatHoldsTheCaseReferIt() {
    UUID id = signedByDrainage();

    refer("HEATING", id, Map.of("ownerCode", "HOUSING", "reason", "x"))
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:casegrid:problem:not-your-case"));
    as("water1")
        .contentType(ContentType.JSON)
        .body(toHeating())
        .post("/api/departments/DRAINAGE/cases/" + id + "/referral")
        .then()
        .statusCode(403);
    post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已更换"))
        .then()
        .statusCode(200);
    refer("DRAINAGE", id, toHeating())
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:casegrid:problem:illegal-transition"));

    as("dispatcher1").get("/api/cases/" + id).then().body("departmentCode", equalTo("DRAINAGE"));
  }

  @Test
  void leavesADisputeBetweenOwnersToTheDispatcherRatherThanReferringBack() {
    UUID id = signedByDrainage();
    refer("DRAINAGE", id, toHeating()).then().statusCode(200);

    refer("HEATING", id, Map.of("ownerCode", "DRAINAGE", "reason", "仍是排水井"))
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:casegrid:problem:owner-disputed"));
    post(
            "/api/departments/HEATING/cases/" + id + "/return",
            Map.of("reasonCode", "NOT_OUR_ASSET", "reason", "热力管网无此井"))
        .then()
        .statusCode(200)
        .body("state", equalTo("AWAITING_ARBITRATION"));
    as("dispatcher1")
        .queryParam("size", 200)
        .get("/api/arbitration")
        .then()
        .body("items.caseId", hasItem(id.toString()));
  }

  @Test
  void answersARetriedReferralWithTheReferralItMadeOnce() {
    UUID id = signedByDrainage();
    String key = UUID.randomUUID().toString();

    String first =
        as("drainage1")
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(toHeating())
            .post("/api/departments/DRAINAGE/cases/" + id + "/referral")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    as("drainage1")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(toHeating())
        .post("/api/departments/DRAINAGE/cases/" + id + "/referral")
        .then()
        .statusCode(200)
        .body("id", equalTo(first))
        .body("ownerCode", equalTo("HEATING"));

    assertThat(timeline(id)).containsExactly("DISPATCH", "SIGN", "REFER");
    UUID other = signedByDrainage();
    as("drainage1")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(toHeating())
        .post("/api/departments/DRAINAGE/cases/" + other + "/referral")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("Idempotency-Key"));
    asStaffOf("HEATING")
        .queryParam("size", 200)
        .get("/api/departments/HEATING/queue")
        .then()
        .body("items.caseId", not(hasItem(other.toString())));
  }
}
