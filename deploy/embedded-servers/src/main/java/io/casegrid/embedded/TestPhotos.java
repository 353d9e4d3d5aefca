package io.casegrid.embedded;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real (tiny) photos for tests that upload them. */
public final class TestPhotos {

  private TestPhotos() {}

  /** A 4×4 PNG image. */
  public static byte[] png() {
    return encode("png");
  }

  /** A 4×4 JPEG image. */
  public static byte[] jpeg() {
    return encode("jpg");
  }

  private static byte[] encode(String format) {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0x2E7D32);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
