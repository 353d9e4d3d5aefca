package io.casegrid.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests read. */
final class Repository {

  static final Path ROOT =
      Path.of(System.getProperty("casegrid.repo.root", "../..")).toAbsolutePath().normalize();
  static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

  private Repository() {}

  static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
