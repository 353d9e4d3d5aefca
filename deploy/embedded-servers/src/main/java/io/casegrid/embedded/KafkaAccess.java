package io.casegrid.embedded;

import io.casegrid.events.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the bus, enforced by the brokers' standard authorizer. Each service writes
 * only the topic it owns and reads only the topics it consumes, in its own consumer group; a sensor
 * gateway writes only the alarm topic. The administrator (topics, users, ACLs) and the brokers
 * themselves are super users; nobody else may do anything.
 */
public final class KafkaAccess {

  /** The administrator: creates topics, users and ACLs. */
  public static final String ADMIN = "admin";

  /** The brokers, among themselves (replication). */
  public static final String BROKER = "broker";

  /** The brokers to the controllers (SASL PLAIN on the controller listener). */
  public static final String CONTROLLER = "controller";

  /** A smart-sensor gateway publishing alarms. */
  public static final String SENSOR_GATEWAY = "sensor-gateway";

  /** A client of the bus: the topics it writes and reads, and its consumer group (or null). */
  public record Principal(String name, List<String> writes, List<String> reads, String group) {

    /** The ACLs that allow exactly this, and nothing more. */
    public List<AclBinding> acls() {
      List<AclBinding> acls = new ArrayList<>();
      for (String topic : writes) {
        acls.add(allow(ResourceType.TOPIC, topic, AclOperation.WRITE));
        acls.add(allow(ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
      }
      for (String topic : reads) {
        acls.add(allow(ResourceType.TOPIC, topic, AclOperation.READ));
        acls.add(allow(ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
      }
      if (group != null) {
        acls.add(allow(ResourceType.GROUP, group, AclOperation.READ));
      }
      return acls;
    }

    private AclBinding allow(ResourceType type, String resource, AclOperation operation) {
      return new AclBinding(
          new ResourcePattern(type, resource, PatternType.LITERAL),
          new AccessControlEntry("User:" + name, "*", operation, AclPermissionType.ALLOW));
    }
  }

  /**
   * The services (by the name their instances log in with) and the sensor gateways. The groups are
   * those of the services' application.properties.
   */
  public static final List<Principal> CLIENTS =
      List.of(
          new Principal(
              "intake",
              List.of(Topics.INTAKE_CASES, Topics.INTAKE_CAMPAIGNS),
              List.of(Topics.DISPATCH_CASES, Topics.SUPERVISION_CASES, Topics.SENSOR_ALARMS),
              "intake-service"),
          new Principal(
              "dispatch",
              List.of(Topics.DISPATCH_CASES),
              List.of(Topics.INTAKE_CASES, Topics.SUPERVISION_CASES),
              "dispatch-service"),
          new Principal(
              "supervision",
              List.of(Topics.SUPERVISION_CASES),
              List.of(Topics.INTAKE_CASES, Topics.DISPATCH_CASES, Topics.INTAKE_CAMPAIGNS),
              "supervision-service"),
          new Principal(SENSOR_GATEWAY, List.of(Topics.SENSOR_ALARMS), List.of(), null));

  /** The super users: the administrator and the brokers. */
  public static final List<String> SUPER_USERS = List.of(ADMIN, BROKER, CONTROLLER);

  private KafkaAccess() {}

  /** Every ACL of every client. */
  public static List<AclBinding> acls() {
    return CLIENTS.stream().flatMap(p -> p.acls().stream()).toList();
  }
}
