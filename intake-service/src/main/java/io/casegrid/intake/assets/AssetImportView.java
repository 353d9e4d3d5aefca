package io.casegrid.intake.assets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An import of the asset register as an administrator follows it: how far it got, how fast, and the
 * first rejected rows with why.
 */
public record AssetImportView(
    UUID id,
    AssetImports.Format format,
    AssetImports.State state,
    String startedBy,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    long bytes,
    long rowsRead,
    long rowsStored,
    long rowsRejected,
    double rowsPerSecond,
    String failure,
    List<RejectedRow> rejected) {

  /**
   * A rejected row: by its line for CSV (the line it starts on, the header being line 1), by its
   * index in {@code features} for GeoJSON; the code as the file gave it, the field at fault and
   * why.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RejectedRow(Long line, Long feature, String code, String field, String reason) {}
}
