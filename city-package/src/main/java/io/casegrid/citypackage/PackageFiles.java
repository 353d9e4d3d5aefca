package io.casegrid.citypackage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of a package, from a folder or a zip archive (whose files may sit in one top folder, as
 * zipping a folder makes them). Names are relative, with forward slashes.
 */
public abstract class PackageFiles implements Closeable {

  /** The package at {@code path}: a folder, or a {@code .zip} file. */
  public static PackageFiles open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return new Folder(path);
    }
    return new Zip(new ZipFile(path.toFile()));
  }

  /** A package whose files {@code opener} gives by name (null: no such file), e.g. resources. */
  public static PackageFiles of(Opener opener) {
    return new PackageFiles() {
      @Override
      public Optional<InputStream> open(String name) throws IOException {
        return safe(name) ? Optional.ofNullable(opener.open(name)) : Optional.empty();
      }

      @Override
      public void close() {}
    };
  }

  /** Opens a file of a package by name; null if there is none. */
  @FunctionalInterface
  public interface Opener {
    InputStream open(String name) throws IOException;
  }

  /** The file's content, or empty if the package has no such file. */
  public abstract Optional<InputStream> open(String name) throws IOException;

  /** Whether the package has the file. */
  public boolean has(String name) throws IOException {
    Optional<InputStream> in = open(name);
    if (in.isPresent()) {
      in.get().close();
      return true;
    }
    return false;
  }

  /** A name inside the package that does not climb out of it. */
  static boolean safe(String name) {
    return !name.isBlank()
        && !name.startsWith("/")
        && !name.contains("\\")
        && !name.contains("\0")
        && java.util.Arrays.stream(name.split("/")).noneMatch(p -> p.equals("..") || p.isEmpty());
  }

  private static final class Folder extends PackageFiles {
    private final Path root;

    Folder(Path root) {
      this.root = root;
    }

    @Override
    public Optional<InputStream> open(String name) throws IOException {
      if (!safe(name)) {
        return Optional.empty();
      }
      Path file = root.resolve(name);
      return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    @Override
    public void close() {}
  }

  private static final class Zip extends PackageFiles {
    private final ZipFile zip;
    private final String prefix;

    Zip(ZipFile zip) {
      this.zip = zip;
      // A zipped folder holds its files under the folder's name.
      this.prefix =
          zip.getEntry("manifest.json") != null
              ? ""
              : zip.stream()
                  .map(ZipEntry::getName)
                  .filter(n -> n.endsWith("/manifest.json") && n.indexOf('/') == n.length() - 14)
                  .findFirst()
                  .map(n -> n.substring(0, n.length() - "manifest.json".length()))
                  .orElse("");
    }

    @Override
    public Optional<InputStream> open(String name) throws IOException {
      if (!safe(name)) {
        return Optional.empty();
      }
      ZipEntry entry = zip.getEntry(prefix + name);
      return entry == null || entry.isDirectory()
          ? Optional.empty()
          : Optional.of(zip.getInputStream(entry));
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
