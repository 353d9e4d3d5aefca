package io.casegrid.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Runs another main class in a child JVM and ends that JVM when its parent dies: the parent holds
 * the child's stdin open, and end-of-file means the parent is gone (even after a kill -9), so no
 * broker or service is left orphaned. Depends on nothing but the JDK: it is put on foreign
 * classpaths.
 */
public final class ParentWatchingMain {

  private ParentWatchingMain() {}

  public static void main(String[] args) throws Throwable {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // Nothing is ever sent; only the end of the stream matters.
                }
              } catch (IOException ignored) {
                // A broken pipe means the same as end-of-file.
              }
              System.exit(0);
            },
            "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
    Class.forName(args[0])
        .getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
