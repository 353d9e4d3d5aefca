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
    count.incrementAndGet();
  }

  boolean none() {
    return count.get() == 0;
  }

  int count() {
    return count.get();
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
