package io.casegrid.dispatch.security;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.AccessMatrix;
import io.casegrid.embedded.DemoUsers;
import io.casegrid.embedded.TestPhotos;
import io.casegrid.events.CaseReported;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every endpoint of dispatch answers every role as docs/SECURITY.md says. */
@QuarkusTest
class AccessMatrixTest {

  @Test
  void listsEveryEndpointOfTheServiceInTheSecurityDocument() {
    AccessMatrix.assertEveryEndpointListed("dispatch");
  }

  @TestFactory
  Stream<DynamicTest> answersEveryRoleAsTheSecurityDocumentSays() {
    DemoCases.loadDepartmentsAndRouting();
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null);
    DemoCases.dispatched(cover);
    String photo =
        DemoUsers.as("drainage1")
            .contentType("image/png")
            .body(TestPhotos.png())
            .post("/api/departments/DRAINAGE/cases/" + cover.caseId() + "/photos")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return AccessMatrix.cells(
        "dispatch",
        Map.of(
            "id", cover.caseId().toString(),
            "department", "DRAINAGE",
            "taskId", UUID.randomUUID().toString(),
            "requestId", UUID.randomUUID().toString(),
            "photoId", photo,
            "unknownLoad", UUID.randomUUID().toString()));
  }
}
