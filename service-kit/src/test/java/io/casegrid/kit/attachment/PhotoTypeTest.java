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
  void showsAFileNameWithoutBidirectionalOrOtherInvisibleControls() {
    // Shown as written, "\u202Egnp.exe" reads "exe.png".
    assertThat(Attachments.displayName("\u202Egnp.exe", PhotoType.PNG)).isEqualTo("gnp.exe");
    assertThat(
            Attachments.displayName(
                "a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk\u061Cl.png",
                PhotoType.PNG))
        .isEqualTo("abcdefghijkl.png");
    assertThat(Attachments.displayName("井盖\u0085\u009B\u007F\u0007.jpg", PhotoType.JPEG))
        .isEqualTo("井盖.jpg");
    assertThat(Attachments.displayName("\u202E\u2066", PhotoType.WEBP)).isEqualTo("photo.webp");
    // Cut to length on whole characters: no half of a surrogate pair is left.
    String cut = Attachments.displayName("😀".repeat(200) + ".png", PhotoType.PNG);
    assertThat(cut).endsWith(".png").doesNotStartWith("\uDE00");
    assertThat(cut.codePoints().allMatch(c -> c == "😀".codePointAt(0) || ".png".indexOf(c) >= 0))
        .isTrue();
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
