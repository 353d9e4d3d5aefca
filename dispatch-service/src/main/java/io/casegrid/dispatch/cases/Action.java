package io.casegrid.dispatch.cases;

/** What someone does to a case. */
public enum Action {
  /** A dispatcher places a case by hand (人工派遣). */
  ASSIGN,
  /** Routing places a returned case with another department (改派). */
  REROUTE,
  /** The department signs for the case (签收). */
  SIGN,
  /** The department returns it as not its own (退单). */
  RETURN,
  /** The department refers it to the owner of its asset, which it found (移交权属单位). */
  REFER,
  /** The department asks for an extension or to park the case. */
  REQUEST_APPROVAL,
  /** A dispatcher decides an extension, or refuses to park the case. */
  DECIDE,
  /** A dispatcher approves parking the case (挂账). */
  PARK,
  /** The department takes a parked case up again. */
  RESUME,
  /** The department reports it handled (处理反馈). */
  RESOLVE,
  /** An inspector confirms the repair (核查通过). */
  PASS_VERIFICATION,
  /** An inspector finds it not fixed: back to the department (返工). */
  FAIL_VERIFICATION,
  /** The citizen was dissatisfied at the callback after closure: back to the department (返工). */
  REOPEN_AFTER_CALLBACK
}
