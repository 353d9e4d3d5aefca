package io.casegrid.citypackage.assets;

import java.io.Closeable;
import java.io.IOException;

/**
 * A file of the asset register (资产台账) read row by row, so that a city's millions of manhole covers
 * never sit in memory at once.
 */
public interface AssetFile extends Closeable {

  /** What a file holds at one position: a row to check, or something that is no row at all. */
  sealed interface Item permits Row, Unreadable {
    /** The CSV line the row starts on, or the GeoJSON feature's index in {@code features}. */
    long position();
  }

  /** An asset as the file gives it, every field as text, not yet checked. */
  record Row(
      long position,
      String code,
      String categoryCode,
      String latitude,
      String longitude,
      String ownerDepartmentCode,
      String address)
      implements Item {}

  /** A line or feature that cannot be read as a row, and why. */
  record Unreadable(long position, String reason) implements Item {}

  /** A file that is not an asset file of this format at all: answered 400, nothing imported. */
  final class NotAnAssetFile extends Exception {
    public NotAnAssetFile(String message) {
      super(message);
    }
  }

  /**
   * The next item, or null at the end of the file.
   *
   * @throws IOException when the rest of the file cannot be read (GeoJSON that stops being JSON)
   */
  Item next() throws IOException;
}
