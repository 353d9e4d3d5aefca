package io.casegrid.intake.open311;

/** A request refused, answered in the Open311 error format with the HTTP status as its code. */
class Open311Exception extends RuntimeException {

  final int status;

  Open311Exception(int status, String description) {
    super(description);
    this.status = status;
  }

  static Open311Exception badRequest(String description) {
    return new Open311Exception(400, description);
  }

  static Open311Exception notFound(String description) {
    return new Open311Exception(404, description);
  }
}
