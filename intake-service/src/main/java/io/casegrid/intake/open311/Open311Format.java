package io.casegrid.intake.open311;

/** The two formats of GeoReport v2, chosen by the path's extension: XML (mandatory) and JSON. */
enum Open311Format {
  XML("text/xml; charset=utf-8"),
  JSON("application/json; charset=utf-8");

  final String contentType;

  Open311Format(String contentType) {
    this.contentType = contentType;
  }

  static Open311Format of(String extension) {
    return "xml".equals(extension) ? XML : JSON;
  }

  /**
   * The format a request asks for: its path's extension, {@code .xml} or {@code .json}; for a path
   * with neither (an unknown resource or format), XML if the Accept header names it, else JSON.
   */
  static Open311Format ofRequest(String path, String accept) {
    if (path != null && path.endsWith(".xml")) {
      return XML;
    }
    if (path != null && path.endsWith(".json")) {
      return JSON;
    }
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("xml") ? XML : JSON;
  }
}
