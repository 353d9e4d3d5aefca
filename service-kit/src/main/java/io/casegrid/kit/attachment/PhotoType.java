package io.casegrid.kit.attachment;

import java.util.Arrays;
import java.util.Optional;

/**
 * The photo formats a case accepts, told by their first bytes rather than by what the client
 * claims, so that a script or an executable cannot be stored as a "photo".
 */
public enum PhotoType {
  JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
  WEBP("image/webp", "RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  private final String mediaType;
  private final byte[] magic;

  PhotoType(String mediaType, byte[] magic) {
    this.mediaType = mediaType;
    this.magic = magic;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format whose signature {@code content} starts with, if any. */
  public static Optional<PhotoType> of(byte[] content) {
    for (PhotoType type : values()) {
      if (type.matches(content)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private boolean matches(byte[] content) {
    if (content.length < magic.length
        || !Arrays.equals(Arrays.copyOf(content, magic.length), magic)) {
      return false;
    }
    // A RIFF container is a WebP image only if it says so at offset 8.
    return this != WEBP
        || content.length >= 12
            && new String(content, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP");
  }
}
