package io.casegrid.events;

import java.util.UUID;

/**
 * The payload of an event about one case. Every event is keyed by its case id on Kafka, so all
 * events of one case keep their order within their topic.
 */
public sealed interface CaseEvent extends ContractEvent
    permits CaseReported,
        CaseDispatched,
        CaseSigned,
        CaseReturned,
        CaseReferred,
        CaseResolved,
        CaseReopened,
        CaseClosed,
        ApprovalRequested,
        ApprovalDecided,
        CaseResumed,
        CoHandlingReported,
        DeadlineSet,
        DeadlineWarning,
        DeadlineBreached,
        SupervisionOrderIssued,
        SupervisionOrderAnswered,
        CallbackRecorded,
        CaseMerged {

  UUID caseId();

  @Override
  default UUID subjectId() {
    return caseId();
  }
}
