package io.casegrid.stack.faults;

import io.casegrid.embedded.KafkaBroker;
import io.casegrid.embedded.Postgres;
import io.casegrid.stack.LocalStack;
import io.casegrid.stack.ServiceInstance;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Injects faults into a running system, one at a time: first a planned round that hits every
 * process (kill -9 and restart of every service instance, every broker and PostgreSQL; a pause
 * longer than the session timeouts of every service instance and every broker; a restart of every
 * broker on its kept data), then faults drawn at random, until told to stop and at least the
 * required number were injected.
 */
final class Faults implements Runnable {

  /** What is done to a process. */
  enum Kind {
    /** kill -9, a few seconds down, then started again (on its kept data). */
    KILL,
    /** SIGSTOP for longer than the session timeouts, then SIGCONT. */
    PAUSE,
    /** Stopped (SIGTERM) and started again on its kept data. */
    RESTART
  }

  /** A process faults can hit. */
  interface Target {
    String name();

    List<Kind> kinds();

    void inject(Kind kind, Duration pause, Random random) throws IOException, InterruptedException;
  }

  /** One injected fault, from its start until the process was back. */
  record Fault(String target, Kind kind, Instant start, Instant end) {
    Duration duration() {
      return Duration.between(start, end);
    }
  }

  private final List<Target> targets;
  private final List<Fault> injected = new CopyOnWriteArrayList<>();
  private final Random random;
  private final Duration pause;
  private final Duration minGap;
  private final Duration maxGap;
  private final int minimum;
  private final BooleanSupplier mayStop;
  private final List<Fault> planned;
  private volatile Fault current;
  private volatile Throwable broken;

  Faults(
      List<Target> targets,
      List<Fault> plan,
      int minimum,
      Duration pause,
      Duration minGap,
      Duration maxGap,
      long seed,
      BooleanSupplier mayStop) {
    this.targets = targets;
    this.planned = plan;
    this.minimum = minimum;
    this.pause = pause;
    this.minGap = minGap;
    this.maxGap = maxGap;
    this.random = new Random(seed);
    this.mayStop = mayStop;
  }

  /** The processes of the system: its service instances, its brokers, its PostgreSQL. */
  static List<Target> of(LocalStack system) {
    // In turns: the first instance of each service, a broker, PostgreSQL, the second instances,
    // the other brokers; so that a plan cut short still hits every kind of process.
    List<Target> targets = new ArrayList<>();
    List<KafkaBroker> brokers = system.kafka().brokers();
    int instances =
        LocalStack.SERVICES.stream().mapToInt(s -> system.instances(s).size()).max().orElse(0);
    for (int i = 0; i < Math.max(instances, brokers.size()); i++) {
      for (String service : LocalStack.SERVICES) {
        List<ServiceInstance> of = system.instances(service);
        if (i < of.size()) {
          targets.add(instance(of.get(i)));
        }
      }
      if (i < brokers.size()) {
        targets.add(broker(brokers.get(i)));
      }
      if (i == 0) {
        targets.add(postgres(system.postgres()));
      }
    }
    return targets;
  }

  /**
   * The planned round: every process killed, paused and (brokers) restarted, once each, the kinds
   * taking turns.
   */
  static List<Fault> everyProcessOnce(List<Target> targets) {
    List<List<Fault>> byKind = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      byKind.add(
          targets.stream()
              .filter(t -> t.kinds().contains(kind))
              .map(t -> new Fault(t.name(), kind, null, null))
              .toList());
    }
    List<Fault> plan = new ArrayList<>();
    for (int i = 0; plan.size() < byKind.stream().mapToInt(List::size).sum(); i++) {
      for (List<Fault> ofKind : byKind) {
        if (i < ofKind.size()) {
          plan.add(ofKind.get(i));
        }
      }
    }
    return plan;
  }

  /** A planned fault as written in a plan: its kind and its target, e.g. "KILL kafka-2". */
  static Fault planned(String written) {
    String[] parts = written.split(" ");
    return new Fault(parts[1], Kind.valueOf(parts[0]), null, null);
  }

  private static Target instance(ServiceInstance instance) {
    return new Target() {
      @Override
      public String name() {
        return instance.name();
      }

      @Override
      public List<Kind> kinds() {
        return List.of(Kind.KILL, Kind.PAUSE);
      }

      @Override
      public void inject(Kind kind, Duration pause, Random random)
          throws IOException, InterruptedException {
        if (kind == Kind.KILL) {
          instance.kill();
          Thread.sleep(1000 + random.nextInt(4000));
          instance.restart();
        } else {
          instance.pause();
          Thread.sleep(pause.toMillis());
          instance.resume();
        }
      }
    };
  }

  private static Target broker(KafkaBroker broker) {
    return new Target() {
      @Override
      public String name() {
        return "kafka-" + broker.node().id();
      }

      @Override
      public List<Kind> kinds() {
        return List.of(Kind.KILL, Kind.PAUSE, Kind.RESTART);
      }

      @Override
      public void inject(Kind kind, Duration pause, Random random)
          throws IOException, InterruptedException {
        switch (kind) {
          case KILL -> {
            broker.kill();
            Thread.sleep(1000 + random.nextInt(4000));
            broker.restart();
          }
          case PAUSE -> {
            broker.pause();
            Thread.sleep(pause.toMillis());
            broker.resume();
          }
          case RESTART -> {
            broker.close();
            broker.restart();
          }
        }
      }
    };
  }

  private static Target postgres(Postgres postgres) {
    return new Target() {
      @Override
      public String name() {
        return "postgresql";
      }

      @Override
      public List<Kind> kinds() {
        return List.of(Kind.KILL);
      }

      @Override
      public void inject(Kind kind, Duration pause, Random random)
          throws IOException, InterruptedException {
        postgres.kill();
        Thread.sleep(1000 + random.nextInt(4000));
        postgres.restart();
      }
    };
  }

  @Override
  public void run() {
    try {
      int next = 0;
      while (injected.size() < minimum || !mayStop.getAsBoolean()) {
        sleep(minGap.plusMillis((long) (random.nextDouble() * maxGap.minus(minGap).toMillis())));
        if (injected.size() >= minimum && mayStop.getAsBoolean()) {
          return;
        }
        Fault fault = next < planned.size() ? planned.get(next++) : drawn();
        Target target =
            targets.stream().filter(t -> t.name().equals(fault.target())).findFirst().orElseThrow();
        Instant start = Instant.now();
        current = new Fault(fault.target(), fault.kind(), start, null);
        System.out.printf(
            "  fault %2d: %-7s %s%n", injected.size() + 1, fault.kind(), target.name());
        target.inject(fault.kind(), pause, random);
        injected.add(new Fault(fault.target(), fault.kind(), start, Instant.now()));
        current = null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // A process that cannot be brought back ends the run: what follows would prove nothing.
      broken = e;
    }
  }

  private Fault drawn() {
    Target target = targets.get(random.nextInt(targets.size()));
    Kind kind = target.kinds().get(random.nextInt(target.kinds().size()));
    return new Fault(target.name(), kind, null, null);
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  /** The faults injected so far, each with the time its process was back. */
  List<Fault> injected() {
    return List.copyOf(injected);
  }

  /** Whether a fault is going on at {@code at}, or was within {@code after} before it. */
  boolean during(Instant from, Instant to) {
    Fault now = current;
    if (now != null && now.start().isBefore(to)) {
      return true;
    }
    return injected.stream().anyMatch(f -> f.start().isBefore(to) && f.end().isAfter(from));
  }

  /** The failure that stopped the injection, if any. */
  Throwable broken() {
    return broken;
  }
}
