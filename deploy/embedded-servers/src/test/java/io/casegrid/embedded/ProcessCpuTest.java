package io.casegrid.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

  private static final long MILLIS = 1_000_000L;

  @TempDir Path home;

  @BeforeAll
  static void onLinux() {
    assumeTrue(ProcessCpu.available(), "CPU times are read from Linux's /proc");
  }

  @Test
  void aProcessThatComputesHasUsedAtLeastThatMuchCpu() {
    long self = ProcessHandle.current().pid();
    long before = ProcessCpu.ofProcess(self);
    long spent = spin(300 * MILLIS);

    // The count goes by ticks of 10 ms.
    assertThat(ProcessCpu.ofProcess(self) - before).isGreaterThanOrEqualTo(spent - 20 * MILLIS);
  }

  @Test
  void tellsTheCpuTimeOfEachThreadByItsName() throws Exception {
    CountDownLatch computed = new CountDownLatch(1);
    CountDownLatch end = new CountDownLatch(1);
    long[] spent = new long[1];
    Thread busy =
        new Thread(
            () -> {
              spent[0] = spin(200 * MILLIS);
              computed.countDown();
              awaitQuietly(end);
            },
            "busy-thread");
    Thread quiet = new Thread(() -> awaitQuietly(end), "quiet-thread");
    busy.start();
    quiet.start();
    try {
      computed.await();

      Map<String, Long> threads = ProcessCpu.ofThreads(ProcessHandle.current().pid());

      assertThat(threads.get("busy-thread")).isGreaterThanOrEqualTo(spent[0] - 20 * MILLIS);
      assertThat(threads.get("quiet-thread")).isLessThan(20 * MILLIS);
    } finally {
      end.countDown();
      busy.join();
      quiet.join();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aTreeCountsTheChildrenThatHaveEnded() throws Exception {
    // A shell that runs a busy child to its end, says so, and then only waits.
    Process parent =
        new ProcessBuilder(
                "sh",
                "-c",
                "sh -c 'i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done'; echo ended; sleep 60")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
      assertThat(out.readLine()).isEqualTo("ended");

      long own = ProcessCpu.ofProcess(parent.pid());
      long tree = ProcessCpu.ofTree(parent.pid());
      assertThat(tree - own).isGreaterThanOrEqualTo(50 * MILLIS);
    } finally {
      parent.descendants().forEach(ProcessHandle::destroy);
      parent.destroy();
      parent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void findsThePostgreSqlServerOnItsPortAndCountsItsBackends() throws Exception {
    int port = FreePorts.next();
    try (Postgres postgres =
        Postgres.start(home.resolve("pg"), port, false, Credentials.inMemory())) {
      ProcessHandle server = ProcessCpu.postgresOn(port).orElseThrow();
      long before = ProcessCpu.ofTree(server.pid());
      postgres.ensureDatabase("cpu");
      try (Connection c = postgres.connect("cpu");
          Statement s = c.createStatement()) {
        s.execute("SELECT count(*) FROM generate_series(1, 3000000)");
      }

      assertThat(server.info().arguments().orElseThrow()).contains("-p", Integer.toString(port));
      assertThat(ProcessCpu.ofTree(server.pid()) - before).isGreaterThanOrEqualTo(50 * MILLIS);
      assertThat(ProcessCpu.postgresOn(FreePorts.next())).isEmpty();
    }
  }

  @Test
  void readsTheWholeCommandLineOfAProcessWhoseCommandLineIsLong() throws Exception {
    String longArgument = "x".repeat(5000);
    Process sleeper = new ProcessBuilder("sh", "-c", "sleep 60", longArgument, "last").start();
    try {
      assertThat(ProcessCpu.commandLine(sleeper.pid()))
          .containsExactly("sh", "-c", "sleep 60", longArgument, "last");
    } finally {
      sleeper.destroy();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  // Computes on this thread until it has used the given CPU time; returns the time used.
  private static long spin(long nanos) {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long x = 0;
    while (threads.getCurrentThreadCpuTime() - start < nanos) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 31 + i;
      }
    }
    return threads.getCurrentThreadCpuTime() - start + (x == 42 ? 1 : 0);
  }
}
