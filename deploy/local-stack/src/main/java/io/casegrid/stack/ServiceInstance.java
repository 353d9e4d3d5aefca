package io.casegrid.stack;

import io.casegrid.embedded.ChildJvm;
import java.io.IOException;

/**
 * One running instance of a service, on its own port and in its own process, which can be killed,
 * paused and started again as a machine's failure would.
 */
public final class ServiceInstance {

  /** Starts the instance's process. */
  @FunctionalInterface
  interface Launcher {
    ChildJvm launch() throws IOException;
  }

  /** Waits until the instance answers that it is ready. */
  @FunctionalInterface
  interface Readiness {
    void await() throws IOException;
  }

  private final String service;
  private final String name;
  private final int port;
  private final Launcher launcher;
  private final Readiness readiness;
  private volatile ChildJvm jvm;

  ServiceInstance(String service, String name, int port, Launcher launcher, Readiness readiness) {
    this.service = service;
    this.name = name;
    this.port = port;
    this.launcher = launcher;
    this.readiness = readiness;
  }

  void launch() throws IOException {
    jvm = launcher.launch();
  }

  void awaitReady() throws IOException {
    readiness.await();
  }

  /** The service it is an instance of: intake, dispatch or supervision. */
  public String service() {
    return service;
  }

  /** Its name in the logs: the service's, with its number when the service runs several. */
  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return jvm.pid();
  }

  public boolean isAlive() {
    return jvm.isAlive();
  }

  /** Kills the instance at once (SIGKILL): no shutdown, no goodbye to Kafka or PostgreSQL. */
  public void kill() {
    jvm.kill();
  }

  /** Stops the instance where it is (SIGSTOP). */
  public void pause() {
    jvm.pause();
  }

  /** Lets a paused instance go on (SIGCONT). */
  public void resume() {
    jvm.resume();
  }

  /** Starts the instance again (after {@link #kill}) and waits until it is ready. */
  public void restart() throws IOException {
    launch();
    awaitReady();
  }

  void close() {
    if (jvm != null) {
      jvm.close();
    }
  }
}
