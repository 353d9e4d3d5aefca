package io.casegrid.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks refuse what an API server or an operator would refuse. */
class ApiSchemasTest {

  private static ObjectNode resource(String yaml) {
    return Kustomize.parse(yaml).get(0);
  }

  @Test
  void aMisspelledFieldOfACoreResourceIsRefused() {
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: intake-service}
        spec:
          replica: 2
          selector: {matchLabels: {app: x}}
        """)))
        .singleElement()
        .asString()
        .contains("replica");
  }

  @Test
  void aNumberWhereKubernetesWantsAStringIsRefused() {
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: city, annotations: {prometheus.io/port: 8080}}
        """)))
        .hasSize(1);
  }

  @Test
  void aStrimziResourceWithAWrongTypeOrUnknownFieldIsRefused() {
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaTopic
        metadata: {name: casegrid.intake.cases}
        spec: {partitions: "six", replicas: 3}
        """)))
        .hasSize(1);
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaUser
        metadata: {name: intake-service}
        spec: {authentication: {type: scram-sha-512}, authorisation: {type: simple}}
        """)))
        .singleElement()
        .asString()
        .contains("authorisation");
  }

  @Test
  void aCloudNativePgOrKeycloakResourceIsCheckedAgainstItsDocumentedApi() {
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata: {name: intake-db}
        spec:
          instances: "2"
          storage: {size: 1Gi, class: fast}
          resources: {requests: {cpu: 1}, limit: {}}
        """)))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("spec.instances"))
        .anySatisfy(p -> assertThat(p).contains("spec.storage.class"))
        .anySatisfy(p -> assertThat(p).contains("limit"));
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: postgresql.cnpg.io/v1
        kind: ScheduledBackup
        metadata: {name: nightly}
        spec: {schedule: "0 0 1 * * *", method: barman, cluster: {name: intake-db}}
        """)))
        .singleElement()
        .asString()
        .contains("spec.method");
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: k8s.keycloak.org/v2beta1
        kind: Keycloak
        metadata: {name: identity}
        spec: {instances: 1, hostname: {hostname: https://id.example, backchannel: true}}
        """)))
        .singleElement()
        .asString()
        .contains("backchannel");
    assertThat(
            ApiSchemas.problems(
                resource(
                    """
        apiVersion: example.com/v1
        kind: Unknown
        metadata: {name: x}
        """)))
        .singleElement()
        .asString()
        .contains("no schema known");
  }

  @Test
  void aSecretServiceOrDatabaseThatNothingMakesIsFound() {
    List<ObjectNode> resources =
        Kustomize.parse(
            """
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata: {name: intake-db}
        spec: {instances: 2, bootstrap: {initdb: {database: intake, owner: intake}}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: intake-service}
        spec:
          template:
            spec:
              containers:
                - name: intake-service
                  env:
                    - name: QUARKUS_DATASOURCE_JDBC_URL
                      value: jdbc:postgresql://intake-db-rw:5432/intake
                    - name: QUARKUS_DATASOURCE_PASSWORD
                      valueFrom: {secretKeyRef: {name: intake-db-app, key: password}}
                    - name: KAFKA_BOOTSTRAP_SERVERS
                      value: kafka-bootstrap:9093
                    - name: QUARKUS_DATASOURCE_USERNAME
                      valueFrom: {secretKeyRef: {name: intake-db-app, key: user}}
                    - name: CASEGRID_PERSONAL_DATA_KEY
                      valueFrom: {secretKeyRef: {name: personal-data, key: key}}
        ---
        apiVersion: postgresql.cnpg.io/v1
        kind: ScheduledBackup
        metadata: {name: nightly}
        spec: {schedule: "0 0 1 * * *", method: plugin, cluster: {name: dispatch-db}}
        """);
    assertThat(new References(resources).dangling())
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).contains("Service kafka-bootstrap"))
        .anySatisfy(p -> assertThat(p).contains("key user").contains("intake-db-app"))
        .anySatisfy(p -> assertThat(p).contains("Secret personal-data"))
        .anySatisfy(p -> assertThat(p).contains("Cluster dispatch-db"));
  }
}
