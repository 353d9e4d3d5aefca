package io.casegrid.dispatch.security;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.HostileInput;
import io.casegrid.events.CaseReported;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every endpoint of dispatch refuses hostile input, and stores nothing it refused. */
@QuarkusTest
class HostileInputTest {

  private static final String DEPARTMENT = "/api/departments/{department}/cases/{id}";

  @TestFactory
  Stream<DynamicTest> refusesHostileInputOnEveryEndpoint() {
    DemoCases.loadDepartmentsAndRouting();
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null);
    DemoCases.dispatched(cover);
    return HostileInput.against("dispatch", "dispatch")
        .path("id", cover.caseId().toString())
        .path("department", "DRAINAGE")
        .path("taskId", UUID.randomUUID().toString())
        .path("requestId", UUID.randomUUID().toString())
        .path("photoId", UUID.randomUUID().toString())
        .body("POST " + DEPARTMENT + "/resolve", Map.of("result", "井盖已更换"))
        .body(
            "POST " + DEPARTMENT + "/return",
            Map.of("reasonCode", "NOT_OURS", "reason", "供水管道", "suggestedOwnerCode", "WATER"))
        .body(
            "POST " + DEPARTMENT + "/referral",
            Map.of("ownerCode", "HEATING", "assetCode", "3399010102000001", "reason", "热力检查井"))
        .body(
            "POST " + DEPARTMENT + "/approval-requests",
            Map.of("kind", "EXTENSION", "reason", "等待配件", "until", "2030-01-01T00:00:00+08:00"))
        .body("POST " + DEPARTMENT + "/supervision-order/answer", Map.of("answer", "明日处理"))
        .body(
            "POST /api/departments/{department}/co-handling/{taskId}/report",
            Map.of("report", "已配合"))
        .body("POST /api/cases/{id}/verification", Map.of("passed", false, "reason", "仍有积水"))
        .body(
            "POST /api/arbitration/{id}/assignment",
            Map.of("departmentCode", "DRAINAGE", "reason", "排水管网"))
        .body(
            "POST /api/approval-requests/{requestId}/decision",
            Map.of("approved", true, "reason", "同意"))
        .body(
            "POST /api/routing/preview",
            Map.of("categoryCode", "0102", "districtCode", "339901", "streetCode", "339901001"))
        .attacks();
  }
}
