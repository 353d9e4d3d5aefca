package io.casegrid.intake.personal;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * The keys that protect citizens' personal data. There is no default: the service refuses to start
 * without a key.
 */
@ConfigMapping(prefix = "casegrid.personal-data")
public interface PersonalDataConfig {

  /** The current key: 32 random bytes, base64-encoded. New values are sealed under it. */
  String key();

  /**
   * The id stored with every value sealed under the current key; by default derived from the key (a
   * fingerprint that does not reveal it).
   */
  Optional<String> keyId();

  /**
   * Earlier keys by their id, kept so that values sealed under them still open and their callers
   * are still found by phone after the current key was replaced.
   */
  Map<String, String> retiredKeys();

  /** The cipher these settings describe. */
  default PersonalDataCipher cipher() {
    String id = keyId().orElseGet(() -> PersonalDataCipher.fingerprint(key()));
    Map<String, String> keys = new java.util.LinkedHashMap<>(retiredKeys());
    keys.put(id, key());
    return new PersonalDataCipher(id, keys);
  }
}
