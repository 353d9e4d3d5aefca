package io.casegrid.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files holding secrets (keys, passwords): readable by their owner only, in a folder only the owner
 * may enter, and written aside and moved into place, so a crash never leaves half a secret.
 */
public final class SecretFiles {

  private SecretFiles() {}

  /** Writes {@code content} to {@code file}, replacing it whole. */
  public static Path write(Path file, String content) throws IOException {
    Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
    // A leftover from a crash while writing is replaced.
    Path aside = folder.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(aside);
    Path written =
        posix
            ? Files.createFile(
                aside,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createFile(aside);
    Files.writeString(written, content);
    return Files.move(
        written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
