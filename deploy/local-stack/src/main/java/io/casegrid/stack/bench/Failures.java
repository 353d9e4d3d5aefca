package io.casegrid.stack.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** How many operations failed, of which kind, and why the first did. */
final class Failures {

  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicReference<String> first = new AtomicReference<>();
  private final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();

  void add(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    first.compareAndSet(null, cause.toString());
    String kind =
        cause instanceof BenchClient.UnexpectedAnswer answer
            ? "answered " + answer.status()
            : cause.getClass().getSimpleName();
    byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    if (cause instanceof BenchClient.UnexpectedAnswer) {
      refused.incrementAndGet();
    }
    count.incrementAndGet();
  }

  boolean none() {
    return count.get() == 0;
  }

  int count() {
    return count.get();
  }

  /**
   * How many were answered with another status than the one expected (a 429, a 4xx, a 5xx): the
   * system refused them, where the others (not sent, timed out) only found it too busy.
   */
  int refused() {
    return refused.get();
  }

  @Override
  public String toString() {
    if (none()) {
      return "0";
    }
    Map<String, Integer> kinds = new TreeMap<>();
    byKind.forEach((k, n) -> kinds.put(k, n.get()));
    return count + " " + kinds + " (the first: " + first + ")";
  }
}
