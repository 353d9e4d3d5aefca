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

  /** The format a request path asks for; JSON unless it ends in {@code .xml}. */
  static Open311Format ofPath(String path) {
    return path != null && path.endsWith(".xml") ? XML : JSON;
  }
}
