package io.casegrid.dispatch.reference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The departments (承办单位) and their hierarchy: a district government's bureaus and street offices, a
 * utility's branches. Immutable; built from reference data. A department whose parent is not a
 * known department stands at the top.
 */
public final class Departments {

  /**
   * How deep a hierarchy may go: more than any city's administration needs (city, district, street,
   * community), and few enough that a tree is always shown whole.
   */
  public static final int MAX_DEPTH = 10;

  /** One department; {@code parentCode} is null at the top of the hierarchy. */
  public record Department(
      String code, String name, String nameEn, DepartmentKind kind, String parentCode) {}

  // Utilities first, then bureaus, then territorial offices, each by code.
  private static final Comparator<Department> ORDER =
      Comparator.comparing(Department::kind).thenComparing(Department::code);

  private final Map<String, Department> byCode = new HashMap<>();
  private final Map<String, List<Department>> children = new HashMap<>();
  private final List<Department> top = new ArrayList<>();
  private final Set<String> topCodes = new HashSet<>();

  public Departments(Collection<Department> departments) {
    departments.forEach(d -> byCode.put(d.code(), d));
    Set<String> cyclic = cyclic(parents(departments));
    for (Department d : departments) {
      // A cycle only comes from data loaded before parents were checked: its members stand on top.
      if (d.parentCode() == null
          || !byCode.containsKey(d.parentCode())
          || cyclic.contains(d.code())) {
        top.add(d);
      } else {
        children.computeIfAbsent(d.parentCode(), p -> new ArrayList<>()).add(d);
      }
    }
    top.forEach(d -> topCodes.add(d.code()));
    top.sort(ORDER);
    children.values().forEach(c -> c.sort(ORDER));
  }

  public boolean knows(String code) {
    return byCode.containsKey(code);
  }

  public Optional<Department> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** The departments at the top of the hierarchy. */
  public List<Department> top() {
    return List.copyOf(top);
  }

  /** The departments directly below one. */
  public List<Department> childrenOf(String code) {
    return List.copyOf(children.getOrDefault(code, List.of()));
  }

  /** A department and every department below it, itself first; empty if it is unknown. */
  public List<String> subtree(String code) {
    if (!knows(code)) {
      return List.of();
    }
    List<String> codes = new ArrayList<>();
    Deque<String> pending = new ArrayDeque<>(List.of(code));
    while (!pending.isEmpty()) {
      String next = pending.pop();
      codes.add(next);
      childrenOf(next).forEach(c -> pending.add(c.code()));
    }
    return codes;
  }

  /** Whether {@code code} is {@code ancestor} or lies below it. */
  public boolean within(String code, String ancestor) {
    Set<String> seen = new HashSet<>();
    for (String at = code; at != null && seen.add(at); at = parentIn(at)) {
      if (at.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  private String parentIn(String code) {
    Department d = byCode.get(code);
    return d == null || topCodes.contains(code) ? null : d.parentCode();
  }

  /** Each department's parent, as the hierarchy is given. */
  public static Map<String, String> parents(Collection<Department> departments) {
    Map<String, String> parents = new HashMap<>();
    departments.forEach(d -> parents.put(d.code(), d.parentCode()));
    return parents;
  }

  /**
   * The departments that lie more than {@link #MAX_DEPTH} levels deep under {@code parentOf} (code
   * → parent code, null at the top), counting a department at the top as level 1.
   */
  public static Set<String> tooDeep(Map<String, String> parentOf) {
    Set<String> deep = new LinkedHashSet<>();
    for (String start : parentOf.keySet()) {
      int level = 0;
      for (String at = start; at != null && level <= MAX_DEPTH; at = parentOf.get(at)) {
        level++;
      }
      if (level > MAX_DEPTH) {
        deep.add(start);
      }
    }
    return deep;
  }

  /**
   * The departments that are their own ancestor under {@code parentOf} (code → parent code, null at
   * the top), which a hierarchy must not have.
   */
  public static Set<String> cyclic(Map<String, String> parentOf) {
    Set<String> cyclic = new LinkedHashSet<>();
    Set<String> acyclic = new HashSet<>();
    for (String start : parentOf.keySet()) {
      List<String> path = new ArrayList<>();
      String at = start;
      while (at != null && !acyclic.contains(at) && !cyclic.contains(at) && !path.contains(at)) {
        path.add(at);
        at = parentOf.get(at);
      }
      if (at != null && path.contains(at)) {
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        cyclic.addAll(loop);
        path.removeAll(loop);
      }
      acyclic.addAll(path);
    }
    return cyclic;
  }
}
