package io.casegrid.dispatch;

import static io.casegrid.embedded.DemoUsers.as;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.DemoUsers;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Channel;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.Location;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reference data and cases for dispatch's tests: a small part of the demo city. */
public final class DemoCases {

  public static final EventCodec CODEC = new EventCodec();
  public static final Location HUBIN =
      new Location("339901", "339901001", "339901001001", "339901001001001");

  private static TopicProbe events;

  private DemoCases() {}

  /**
   * One view of dispatch's topic for the whole test run: it reads from the start, so every test
   * finds the events of its own cases in it.
   */
  public static synchronized TopicProbe events() {
    if (events == null) {
      events =
          new TopicProbe(
              TestInfrastructure.shared().kafka().bootstrapServers(), Topics.DISPATCH_CASES);
      Runtime.getRuntime().addShutdownHook(new Thread(events::close));
    }
    return events;
  }

  /** Puts a reported case on intake's topic and waits until dispatch has placed it. */
  public static UUID dispatched(CaseReported event) {
    publish(events(), event);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> seen(events(), event.caseId(), CaseDispatched.class), l -> !l.isEmpty());
    return event.caseId();
  }

  public static void loadDepartmentsAndRouting() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "departments": [
                {"code": "DRAINAGE", "name": "排水公司", "kind": "UTILITY"},
                {"code": "HEATING", "name": "热力公司", "kind": "UTILITY"},
                {"code": "HOUSING", "name": "住建局", "kind": "BUREAU"},
                {"code": "CITY_MANAGEMENT", "name": "城市管理局", "kind": "BUREAU"},
                {"code": "CM-339901", "name": "东湖区城市管理局", "kind": "BUREAU"},
                {"code": "GOV-339901", "name": "东湖区人民政府", "kind": "TERRITORIAL"},
                {"code": "ST-339901001", "name": "湖滨街道办事处", "kind": "TERRITORIAL",
                 "parentCode": "GOV-339901"}
              ],
              "territories": [{"streetCode": "339901001", "departmentCode": "ST-339901001"}],
              "routingRules": [
                {"categoryCode": "0102", "departmentCode": "DRAINAGE"},
                {"categoryCode": "0114", "districtCode": "339901", "departmentCode": "CITY_MANAGEMENT",
                 "coHandlerCodes": ["CM-339901"]},
                {"categoryCode": "E0402", "districtCode": "339901", "departmentCode": "CM-339901",
                 "coHandlerCodes": ["HOUSING"]}
              ]
            }
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  public static CaseReported reported(String category, Location at, String owner) {
    return reported(category, at, owner, Channel.HOTLINE);
  }

  public static CaseReported reported(String category, Location at, String owner, Channel channel) {
    UUID id = UUID.randomUUID();
    return CaseReported.builder()
        .caseId(id)
        .caseNumber("2026112300" + Math.abs(id.getLeastSignificantBits() % 100000))
        .kind(CaseKind.COMPLAINT)
        .channel(channel)
        .categoryCode(category)
        .urgency(Urgency.URGENT)
        .description("井盖缺失")
        .location(at)
        .assetCode(owner == null ? null : "3399010102000001")
        .assetOwnerCode(owner)
        .reportedAt(Instant.now())
        .build();
  }

  /**
   * Posts a command as the person whose work it is: a member of the department in the path, the
   * hotline for the verification of a citizen's case, the dispatcher for the rest.
   */
  public static Response post(String path, Object body) {
    Matcher department = DEPARTMENT_IN_PATH.matcher(path);
    String user =
        department.find()
            ? DemoUsers.staffOf(department.group(1))
            : path.endsWith("/verification") ? "operator1" : "dispatcher1";
    return as(user).contentType(ContentType.JSON).body(body == null ? "{}" : body).post(path);
  }

  private static final Pattern DEPARTMENT_IN_PATH = Pattern.compile("/departments/([A-Z0-9_-]+)/");

  /** Puts the event on intake's topic, as intake would. */
  public static CloudEvent publish(TopicProbe probe, CaseEvent event) {
    CloudEvent envelope = CODEC.envelope(event, "/test/intake", Instant.now());
    probe.send(Topics.INTAKE_CASES, event.caseId().toString(), CODEC.write(envelope));
    return envelope;
  }

  /** The payloads of one type that a probe saw for a case. */
  public static <T extends CaseEvent> List<T> seen(TopicProbe probe, UUID caseId, Class<T> type) {
    return probe.records(r -> r.key().equals(caseId.toString())).stream()
        .map(r -> CODEC.read(r.value()))
        .filter(e -> EventType.ofType(e.type()).map(EventType::payloadClass).orElse(null) == type)
        .map(e -> CODEC.payload(e, type))
        .toList();
  }
}
