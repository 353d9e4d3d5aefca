package io.casegrid.dispatch.reference;

import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names people read for the codes on a case — its category, its grid and the areas above it,
 * its department — in Chinese and English, from the city's loaded data, kept between loads. A code
 * the city has no name for keeps only its code.
 */
@ApplicationScoped
public class ReferenceNames {

  /** A code with its names; the names are null when the city gave none. */
  public record Name(String code, String name, String nameEn) {}

  private record Snapshot(
      Map<String, Name> categories, Map<String, Name> areas, Map<String, Name> departments) {}

  private final EntityManager entityManager;
  private final ReferenceVersion.Cached<Snapshot> names;

  ReferenceNames(EntityManager entityManager, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.names = version.cache(Duration.ofSeconds(5), v -> load());
  }

  public Name category(String code) {
    return named(names.get().categories(), code);
  }

  public Name area(String code) {
    return named(names.get().areas(), code);
  }

  /**
   * A grid as a place people know: its name, after the names of its community and street unless it
   * holds them already (水岸社区 + 水岸第1网格; 东湖区湖滨街道桂花社区第1网格 as it is), in each language; only the code
   * when the city named none of them.
   */
  public Name place(String gridCode) {
    if (gridCode == null) {
      return null;
    }
    Map<String, Name> areas = names.get().areas();
    String name = null;
    String nameEn = null;
    for (int length : new int[] {gridCode.length(), 12, 9}) {
      Name part = length <= gridCode.length() ? areas.get(gridCode.substring(0, length)) : null;
      if (part == null) {
        continue;
      }
      String en = part.nameEn() == null ? part.name() : part.nameEn();
      name = name == null ? part.name() : name.contains(part.name()) ? name : part.name() + name;
      nameEn = nameEn == null ? en : nameEn.contains(en) ? nameEn : en + ", " + nameEn;
    }
    return new Name(gridCode, name, nameEn);
  }

  public Name department(String code) {
    return named(names.get().departments(), code);
  }

  /** Every category's and area's name, as loaded, for the city package's export. */
  public List<Name> all(String kind) {
    Snapshot s = names.get();
    return (kind.equals("CATEGORY") ? s.categories() : s.areas())
        .values().stream().sorted(java.util.Comparator.comparing(Name::code)).toList();
  }

  private static Name named(Map<String, Name> known, String code) {
    return code == null ? null : known.getOrDefault(code, new Name(code, null, null));
  }

  @SuppressWarnings("unchecked")
  private Snapshot load() {
    Map<String, Name> categories = new HashMap<>();
    Map<String, Name> areas = new HashMap<>();
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery("SELECT kind, code, name, name_en FROM reference_name")
                .getResultList()) {
      Name name = new Name((String) r[1], (String) r[2], (String) r[3]);
      ("CATEGORY".equals(r[0]) ? categories : areas).put(name.code(), name);
    }
    Map<String, Name> departments = new HashMap<>();
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery("SELECT code, name, name_en FROM department")
                .getResultList()) {
      departments.put((String) r[0], new Name((String) r[0], (String) r[1], (String) r[2]));
    }
    return new Snapshot(Map.copyOf(categories), Map.copyOf(areas), Map.copyOf(departments));
  }
}
