package io.casegrid.kit.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhotoTypeTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void tellsJpegPngAndWebpByTheirFirstBytes() {
    assertThat(PhotoType.of(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(PhotoType.JPEG);
    assertThat(PhotoType.of(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0)))
        .contains(PhotoType.PNG);
    assertThat(PhotoType.of("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)))
        .contains(PhotoType.WEBP);
  }

  @Test
  void refusesOtherRiffFilesScriptsAndTruncatedSignatures() {
    assertThat(PhotoType.of("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(PhotoType.of("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(PhotoType.of(bytes(0xFF, 0xD8))).isEmpty();
    assertThat(PhotoType.of(new byte[0])).isEmpty();
  }

  @Test
  void keepsOnlyTheBaseOfAFileNameWithoutControlCharactersOrLeadingDots() {
    assertThat(Attachments.displayName("../../etc/passwd", PhotoType.PNG)).isEqualTo("passwd");
    assertThat(Attachments.displayName("C:\\photos\\井盖.jpg", PhotoType.JPEG)).isEqualTo("井盖.jpg");
    assertThat(Attachments.displayName("..\r\n.hidden\".png", PhotoType.PNG))
        .isEqualTo("hidden.png");
    assertThat(Attachments.displayName(null, PhotoType.WEBP)).isEqualTo("photo.webp");
    assertThat(Attachments.displayName("x".repeat(500) + ".png", PhotoType.PNG)).hasSize(120);
  }

  @Test
  void readsAChineseFileNameFromTheExtendedContentDispositionParameter() {
    assertThat(Attachments.fileNameOf("attachment; filename*=UTF-8''%E4%BA%95%E7%9B%96+1.jpg"))
        .isEqualTo("井盖+1.jpg");
    assertThat(Attachments.fileNameOf("attachment; filename=\"cover.png\"")).isEqualTo("cover.png");
    assertThat(Attachments.fileNameOf("attachment; filename*=UTF-8''%zz")).isNull();
    assertThat(Attachments.fileNameOf(null)).isNull();
  }
}
