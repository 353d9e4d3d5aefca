package io.casegrid.stack;

import io.casegrid.embedded.ChildJvm;
import io.casegrid.embedded.Guardian;
import io.casegrid.embedded.PidFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One entry point per service in front of its instances: Debian's HAProxy, installed by {@code
 * deploy/proxy/install-haproxy.sh} when missing. It sends each request to an instance that answers
 * its readiness check, takes an instance out within two seconds of its failing, and sends a request
 * that could not reach an instance to the other one; a request an instance took and then lost
 * (killed mid-way) fails, and the client tries it again with the same {@code Idempotency-Key}.
 */
final class ReverseProxy implements AutoCloseable {

  private static final Path DEFAULT_PROGRAM = Path.of("/usr/sbin/haproxy");

  private final Process process;
  private final Path pidFile;
  private final ChildJvm guardian;

  private ReverseProxy(Process process, Path pidFile, ChildJvm guardian) {
    this.process = process;
    this.pidFile = pidFile;
    this.guardian = guardian;
  }

  /** Starts HAProxy with its configuration, log and pid file in {@code home}. */
  static ReverseProxy start(
      Path home,
      Path repoRoot,
      Map<String, Integer> entryPorts,
      Map<String, List<Integer>> instances)
      throws IOException {
    Path program = program(repoRoot);
    Files.createDirectories(home);
    Path config = home.resolve("haproxy.cfg");
    Files.writeString(config, configuration(entryPorts, instances));
    Path pidFile = home.resolve("haproxy.pid");
    PidFiles.stopStale(pidFile, "haproxy");
    // -db: in the foreground, so the process is this one's child and its log goes to the file.
    Process process =
        new ProcessBuilder(program.toString(), "-db", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("haproxy.log").toFile()))
            .start();
    Files.writeString(pidFile, Long.toString(process.pid()));
    ChildJvm guardian = Guardian.guard("haproxy", pidFile, home.resolve("haproxy-guardian.log"));
    return new ReverseProxy(process, pidFile, guardian);
  }

  private static Path program(Path repoRoot) throws IOException {
    String own = System.getProperty("casegrid.haproxy");
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    if (!Files.isExecutable(DEFAULT_PROGRAM)) {
      Path script = repoRoot.resolve("deploy/proxy/install-haproxy.sh");
      try {
        Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
          throw new IOException(script + " could not install HAProxy (see its message above)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while installing HAProxy", e);
      }
    }
    return DEFAULT_PROGRAM;
  }

  static String configuration(
      Map<String, Integer> entryPorts, Map<String, List<Integer>> instances) {
    StringBuilder cfg = new StringBuilder();
    cfg.append(
        """
        # Written by casegrid's local stack at every start of the cluster shape.
        global
          maxconn 4096
          log stdout format raw local0


        defaults
          mode http
          log global
          option httplog
          # Only what went wrong: requests an instance did not answer, instances going down.
          option dontlog-normal
          # Send on who asked, for the services' per-address limits and logs.
          option forwardfor
          timeout connect 2s
          timeout client 60s
          timeout server 60s
          timeout queue 10s
          # A request that found no instance listening goes to the other.
          retries 3
          option redispatch
          default-server inter 1s fall 2 rise 2

        """);
    for (var entry : entryPorts.entrySet()) {
      String service = entry.getKey();
      cfg.append("frontend ").append(service).append('\n');
      cfg.append("  bind 127.0.0.1:").append(entry.getValue()).append('\n');
      cfg.append("  default_backend ").append(service).append("\n\n");
      cfg.append("backend ").append(service).append('\n');
      cfg.append("  balance roundrobin\n");
      cfg.append("  option httpchk GET /q/health/ready\n");
      cfg.append("  http-check expect status 200\n");
      List<Integer> ports = instances.get(service);
      for (int i = 0; i < ports.size(); i++) {
        cfg.append("  server ")
            .append(service)
            .append('-')
            .append(i + 1)
            .append(" 127.0.0.1:")
            .append(ports.get(i))
            .append(" check\n");
      }
      cfg.append('\n');
    }
    return cfg.toString();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(pidFile);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // A stale pid file is checked against the program's name at the next start.
    }
    guardian.close();
  }
}
