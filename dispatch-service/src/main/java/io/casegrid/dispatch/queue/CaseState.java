package io.casegrid.dispatch.queue;

/** Where a case stands in dispatch. The service issues add signing, handling and verification. */
public enum CaseState {
  /** No rule could place it: waits in the dispatchers' arbitration queue (待派遣/争议). */
  AWAITING_ARBITRATION,
  /** In its department's queue, waiting to be signed for (待签收). */
  DISPATCHED
}
