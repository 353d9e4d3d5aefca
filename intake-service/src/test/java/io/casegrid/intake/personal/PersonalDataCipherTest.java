package io.casegrid.intake.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

  private static final String KEY = PersonalDataCipher.generateKey();
  private final PersonalDataCipher cipher = PersonalDataCipher.withKey(KEY);

  @Test
  void opensWhatItSealedForTheSameContext() {
    byte[] sealed = cipher.seal("张三", "case_record.reporter_name:1");

    assertThat(cipher.open(cipher.currentKeyId(), sealed, "case_record.reporter_name:1"))
        .isEqualTo("张三");
  }

  @Test
  void neverStoresTheValueInClear() {
    byte[] sealed = cipher.seal("13812341234", "phone");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("13812341234");
    assertThat(sealed).hasSize(12 + "13812341234".length() + 16);
  }

  @Test
  void sealsOnePhoneDifferentlyEachTimeWithAFreshNonce() {
    byte[] first = cipher.seal("13812341234", "phone");
    byte[] second = cipher.seal("13812341234", "phone");

    assertThat(first).isNotEqualTo(second);
    assertThat(java.util.Arrays.copyOf(first, 12))
        .isNotEqualTo(java.util.Arrays.copyOf(second, 12));
  }

  @Test
  void refusesToOpenAValueThatWasTamperedWith() {
    byte[] sealed = cipher.seal("13812341234", "phone");
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> cipher.open(cipher.currentKeyId(), tampered, "phone"))
          .isInstanceOf(PersonalDataCipher.SealBroken.class);
    }
    byte[] truncated = java.util.Arrays.copyOf(sealed, 20);
    assertThatThrownBy(() -> cipher.open(cipher.currentKeyId(), truncated, "phone"))
        .isInstanceOf(PersonalDataCipher.SealBroken.class);
  }

  @Test
  void refusesToOpenAValueMovedToAnotherCaseOrField() {
    byte[] sealed = cipher.seal("13812341234", "case_record.reporter_phone:1");

    assertThatThrownBy(
            () -> cipher.open(cipher.currentKeyId(), sealed, "case_record.reporter_phone:2"))
        .isInstanceOf(PersonalDataCipher.SealBroken.class);
    assertThatThrownBy(
            () -> cipher.open(cipher.currentKeyId(), sealed, "case_record.reporter_name:1"))
        .isInstanceOf(PersonalDataCipher.SealBroken.class);
  }

  @Test
  void refusesToOpenUnderAnotherKeyOrAnUnknownKeyId() {
    byte[] sealed = cipher.seal("13812341234", "phone");
    PersonalDataCipher other =
        new PersonalDataCipher(
            cipher.currentKeyId(), Map.of(cipher.currentKeyId(), PersonalDataCipher.generateKey()));

    assertThatThrownBy(() -> other.open(cipher.currentKeyId(), sealed, "phone"))
        .isInstanceOf(PersonalDataCipher.SealBroken.class);
    assertThatThrownBy(() -> cipher.open("k-unknown", sealed, "phone"))
        .isInstanceOf(PersonalDataCipher.SealBroken.class)
        .hasMessageContaining("k-unknown");
  }

  @Test
  void indexesAPhoneAlikeEveryTimeAndHoweverItIsTyped() {
    byte[] index = cipher.phoneIndex("13812341234");

    assertThat(index).hasSize(32);
    assertThat(cipher.phoneIndex("13812341234")).isEqualTo(index);
    assertThat(cipher.phoneIndex("138-1234 1234")).isEqualTo(index);
    assertThat(PersonalDataCipher.withKey(KEY).phoneIndex("13812341234")).isEqualTo(index);
    assertThat(cipher.phoneIndex("13812341235")).isNotEqualTo(index);
  }

  @Test
  void indexesAPhoneDifferentlyUnderAnotherKey() {
    assertThat(
            PersonalDataCipher.withKey(PersonalDataCipher.generateKey()).phoneIndex("13812341234"))
        .isNotEqualTo(cipher.phoneIndex("13812341234"));
  }

  @Test
  void opensAndFindsWhatWasSealedUnderARetiredKey() {
    String newKey = PersonalDataCipher.generateKey();
    PersonalDataCipher rotated =
        new PersonalDataCipher("2027", Map.of("2027", newKey, cipher.currentKeyId(), KEY));
    byte[] sealed = cipher.seal("13812341234", "phone");

    assertThat(rotated.currentKeyId()).isEqualTo("2027");
    assertThat(rotated.open(cipher.currentKeyId(), sealed, "phone")).isEqualTo("13812341234");
    assertThat(rotated.phoneIndexesUnderEveryKey("13812341234"))
        .hasSize(2)
        .contains(cipher.phoneIndex("13812341234"), org.assertj.core.api.Assertions.atIndex(1));
  }

  @Test
  void namesAKeyByAFingerprintThatDoesNotRevealIt() {
    assertThat(cipher.currentKeyId())
        .matches("k[0-9a-f]{16}")
        .isEqualTo(PersonalDataCipher.fingerprint(KEY))
        .isNotEqualTo(PersonalDataCipher.fingerprint(PersonalDataCipher.generateKey()));
  }

  @Test
  void refusesAKeyThatIsNotThirtyTwoBytesWithoutShowingIt() {
    assertThatThrownBy(() -> PersonalDataCipher.withKey("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(() -> PersonalDataCipher.withKey("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not base64!");
  }
}
