package io.casegrid.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the contract: its CloudEvents {@code type}, payload class and the topic it travels
 * on. A type's name carries its major version: an incompatible change is a new type, never an edit.
 */
public enum EventType {
  CASE_REPORTED("io.casegrid.case.reported.v1", CaseReported.class, Topics.INTAKE_CASES),
  CALLBACK_RECORDED(
      "io.casegrid.case.callback-recorded.v1", CallbackRecorded.class, Topics.INTAKE_CASES),
  CASE_MERGED("io.casegrid.case.merged.v1", CaseMerged.class, Topics.INTAKE_CASES),
  CASE_DISPATCHED("io.casegrid.case.dispatched.v1", CaseDispatched.class, Topics.DISPATCH_CASES),
  CASE_SIGNED("io.casegrid.case.signed.v1", CaseSigned.class, Topics.DISPATCH_CASES),
  CASE_RETURNED("io.casegrid.case.returned.v1", CaseReturned.class, Topics.DISPATCH_CASES),
  CASE_REFERRED("io.casegrid.case.referred.v1", CaseReferred.class, Topics.DISPATCH_CASES),
  CASE_RESOLVED("io.casegrid.case.resolved.v1", CaseResolved.class, Topics.DISPATCH_CASES),
  CASE_REOPENED("io.casegrid.case.reopened.v1", CaseReopened.class, Topics.DISPATCH_CASES),
  CASE_CLOSED("io.casegrid.case.closed.v1", CaseClosed.class, Topics.DISPATCH_CASES),
  APPROVAL_REQUESTED(
      "io.casegrid.case.approval-requested.v1", ApprovalRequested.class, Topics.DISPATCH_CASES),
  APPROVAL_DECIDED(
      "io.casegrid.case.approval-decided.v1", ApprovalDecided.class, Topics.DISPATCH_CASES),
  CASE_RESUMED("io.casegrid.case.resumed.v1", CaseResumed.class, Topics.DISPATCH_CASES),
  SUPERVISION_ORDER_ANSWERED(
      "io.casegrid.case.supervision-order-answered.v1",
      SupervisionOrderAnswered.class,
      Topics.DISPATCH_CASES),
  CO_HANDLING_REPORTED(
      "io.casegrid.case.co-handling-reported.v1", CoHandlingReported.class, Topics.DISPATCH_CASES),
  DEADLINE_SET("io.casegrid.case.deadline-set.v1", DeadlineSet.class, Topics.SUPERVISION_CASES),
  DEADLINE_WARNING(
      "io.casegrid.case.deadline-warning.v1", DeadlineWarning.class, Topics.SUPERVISION_CASES),
  DEADLINE_BREACHED(
      "io.casegrid.case.deadline-breached.v1", DeadlineBreached.class, Topics.SUPERVISION_CASES),
  SUPERVISION_ORDER_ISSUED(
      "io.casegrid.case.supervision-order-issued.v1",
      SupervisionOrderIssued.class,
      Topics.SUPERVISION_CASES),
  CAMPAIGN_LAUNCHED(
      "io.casegrid.campaign.launched.v1", CampaignLaunched.class, Topics.INTAKE_CAMPAIGNS),
  CAMPAIGN_AMENDED(
      "io.casegrid.campaign.amended.v1", CampaignAmended.class, Topics.INTAKE_CAMPAIGNS),
  CAMPAIGN_ENDED("io.casegrid.campaign.ended.v1", CampaignEnded.class, Topics.INTAKE_CAMPAIGNS),
  CAMPAIGN_PROGRESS_REPORTED(
      "io.casegrid.campaign.progress-reported.v1",
      CampaignProgressReported.class,
      Topics.INTAKE_CAMPAIGNS);

  private final String type;
  private final String dataschema;
  private final Class<? extends ContractEvent> payloadClass;
  private final String topic;

  EventType(String type, Class<? extends ContractEvent> payloadClass, String topic) {
    this.type = type;
    this.payloadClass = payloadClass;
    this.dataschema = "urn:casegrid:schema:" + type;
    this.topic = topic;
  }

  public String type() {
    return type;
  }

  public Class<? extends ContractEvent> payloadClass() {
    return payloadClass;
  }

  public String topic() {
    return topic;
  }

  /** Where the schema of this type's {@code data} is published, inside this module's jar. */
  public String schemaResource() {
    return "/schemas/" + type + ".json";
  }

  /** The CloudEvents {@code dataschema} of this type's events. */
  public String dataschema() {
    return dataschema;
  }

  // Looked up for every event written and read: a map rather than a search of the values.
  private static final Map<String, EventType> BY_TYPE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.type, Function.identity()));
  private static final Map<Class<?>, EventType> BY_PAYLOAD =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.payloadClass, Function.identity()));

  public static Optional<EventType> ofType(String type) {
    return Optional.ofNullable(type).map(BY_TYPE::get);
  }

  public static EventType of(ContractEvent event) {
    EventType type = BY_PAYLOAD.get(event.getClass());
    if (type == null) {
      throw new IllegalArgumentException("not in the contract: " + event.getClass());
    }
    return type;
  }
}
