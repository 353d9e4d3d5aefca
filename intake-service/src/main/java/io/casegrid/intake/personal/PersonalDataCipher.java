package io.casegrid.intake.personal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals citizens' personal data with AES-256-GCM and computes the blind index that finds a caller's
 * cases by phone without storing the phone in clear.
 *
 * <p>Each configured 32-byte key is the material for two keys derived from it (HKDF-Expand with
 * HMAC-SHA256): one encrypts, one keys the blind index, so neither use weakens the other. Every
 * value gets a fresh random 96-bit nonce; a sealed value is the nonce followed by the ciphertext
 * and its 128-bit tag. The associated data binds a sealed value to its key id and to its context
 * (the case and the field), so a value copied to another case or field does not open.
 *
 * <p>Values are sealed under the current key; values sealed under a retired key still open, and a
 * phone search looks under every key, so a key can be replaced without losing anything.
 */
public final class PersonalDataCipher {

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentKeyId;
  private final Map<String, KeyPair> keys;
  private final SecureRandom random = new SecureRandom();

  private record KeyPair(SecretKeySpec encryption, SecretKeySpec index) {}

  /**
   * @param currentKeyId the id new values are sealed under, stored with them
   * @param keys every usable key by its id (base64 of 32 bytes), the current one included
   */
  public PersonalDataCipher(String currentKeyId, Map<String, String> keys) {
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("no key with the current key id " + currentKeyId);
    }
    Map<String, KeyPair> pairs = new LinkedHashMap<>();
    pairs.put(currentKeyId, derive(currentKeyId, keys.get(currentKeyId)));
    keys.forEach((id, key) -> pairs.putIfAbsent(id, derive(id, key)));
    this.currentKeyId = currentKeyId;
    this.keys = Map.copyOf(pairs);
  }

  /** A cipher with one key, whose id is derived from the key itself. */
  public static PersonalDataCipher withKey(String base64Key) {
    String id = fingerprint(base64Key);
    return new PersonalDataCipher(id, Map.of(id, base64Key));
  }

  /**
   * A short id naming a key without revealing it: the first 8 bytes of an HMAC of a fixed label
   * under the key.
   */
  public static String fingerprint(String base64Key) {
    byte[] mac = hmac(new SecretKeySpec(decode("key", base64Key), "HmacSHA256"), "key id");
    return "k" + HexFormat.of().formatHex(mac, 0, 8);
  }

  /** A new random key, base64-encoded, for the local stack and tests. */
  public static String generateKey() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The id stored with every value sealed now. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** Seals {@code value} under the current key, bound to {@code context}; null stays null. */
  public byte[] seal(String value, String context) {
    if (value == null) {
      return null;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          keys.get(currentKeyId).encryption(),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(currentKeyId, context));
      byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Opens a value sealed under {@code keyId} for {@code context}; null stays null.
   *
   * @throws SealBroken if the key is unknown or the value was altered, moved or truncated
   */
  public String open(String keyId, byte[] sealed, String context) {
    if (sealed == null) {
      return null;
    }
    KeyPair key = keys.get(keyId);
    if (key == null) {
      throw new SealBroken("no configured key has the id " + keyId);
    }
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealBroken("the sealed value is truncated");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.encryption(),
          new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(keyId, context));
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SealBroken("the sealed value does not match its key and context");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The blind index of a phone under the current key: HMAC-SHA256 of its digits, so "138-1234 1234"
   * and "13812341234" index alike. Null for no phone.
   */
  public byte[] phoneIndex(String phone) {
    String digits = digitsOf(phone);
    return digits == null || digits.isEmpty()
        ? null
        : hmac(keys.get(currentKeyId).index(), "phone:" + digits);
  }

  /** The blind index of a phone under every configured key, the current one first. */
  public List<byte[]> phoneIndexesUnderEveryKey(String phone) {
    String digits = digitsOf(phone);
    List<byte[]> indexes = new ArrayList<>();
    if (digits != null && !digits.isEmpty()) {
      indexes.add(phoneIndex(digits));
      keys.forEach(
          (id, key) -> {
            if (!id.equals(currentKeyId)) {
              indexes.add(hmac(key.index(), "phone:" + digits));
            }
          });
    }
    return indexes;
  }

  /** Phones are kept as digits only, so a caller is found however the number was typed. */
  public static String digitsOf(String phone) {
    return phone == null ? null : phone.replaceAll("[^0-9]", "");
  }

  private static byte[] associatedData(String keyId, String context) {
    return ("casegrid personal data\0" + keyId + "\0" + context).getBytes(StandardCharsets.UTF_8);
  }

  private static KeyPair derive(String id, String base64Key) {
    SecretKeySpec material = new SecretKeySpec(decode(id, base64Key), "HmacSHA256");
    return new KeyPair(
        new SecretKeySpec(expand(material, "casegrid personal data/aes-256-gcm"), "AES"),
        new SecretKeySpec(expand(material, "casegrid personal data/phone index"), "HmacSHA256"));
  }

  // HKDF-Expand (RFC 5869) for one block of output: T(1) = HMAC(PRK, info | 0x01).
  private static byte[] expand(SecretKeySpec material, String info) {
    return hmac(material, info + "\u0001");
  }

  private static byte[] hmac(SecretKeySpec key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  // The message names the key, never its value.
  private static byte[] decode(String id, String base64Key) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("personal-data key " + id + " is not base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "personal-data key " + id + " must be 32 bytes (base64), not " + key.length);
    }
    return key;
  }

  /** A sealed value that cannot be opened: unknown key, or altered. */
  public static final class SealBroken extends RuntimeException {
    SealBroken(String message) {
      super(message);
    }
  }
}
