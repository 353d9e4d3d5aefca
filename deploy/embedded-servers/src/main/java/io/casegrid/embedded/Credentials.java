package io.casegrid.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The passwords of the principals of one server (PostgreSQL's roles, Kafka's users), each made up
 * at random (192 bits) the first time it is asked for. The local stack keeps them in a file of its
 * data folder, readable by its owner only, so that a restart finds them; the tests keep them in
 * memory, new for every run. None is ever in the repository or on a command line.
 */
public final class Credentials {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final String comment;
  private final Properties passwords = new Properties();

  private Credentials(Path file, String comment) {
    this.file = file;
    this.comment = comment;
  }

  /** Passwords kept in {@code file}: those it holds are read, new ones are added to it. */
  public static Credentials inFile(Path file, String comment) {
    Credentials credentials = new Credentials(file, comment);
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        credentials.passwords.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + file, e);
      }
    }
    return credentials;
  }

  /** Passwords that live as long as this JVM (the tests'). */
  public static Credentials inMemory() {
    return new Credentials(null, null);
  }

  /** The password of {@code principal}, made up now if it has none yet. */
  public synchronized String password(String principal) {
    String known = passwords.getProperty(principal);
    if (known != null) {
      return known;
    }
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    // URL-safe base64: no quote, backslash or space, so it goes into JAAS and SQL as it is.
    String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    passwords.setProperty(principal, made);
    save();
    return made;
  }

  /** Whether {@code principal} has a password already. */
  public synchronized boolean has(String principal) {
    return passwords.containsKey(principal);
  }

  private void save() {
    if (file == null) {
      return;
    }
    try {
      StringWriter text = new StringWriter();
      text.append("# ").append(comment).append('\n');
      for (var entry : new TreeMap<>(passwords).entrySet()) {
        text.append(entry.getKey().toString())
            .append('=')
            .append(entry.getValue().toString())
            .append('\n');
      }
      SecretFiles.write(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
