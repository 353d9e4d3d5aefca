package io.casegrid.embedded;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The shape every service keeps, checked by a test of each: its feature packages never import each
 * other both ways, and only its HTTP edge speaks JAX-RS, so that the domain, the consumers and the
 * timers refuse with domain exceptions that the kit's mappers turn into problem+json; and every
 * POST honours an {@code Idempotency-Key} (the kit's {@code @Idempotent}).
 */
public final class ArchitectureRules {

  private static final String IDEMPOTENT = "io.casegrid.kit.idempotency.Idempotent";

  private ArchitectureRules() {}

  /** Checks the service whose classes lie under {@code basePackage}, e.g. {@code io.casegrid.x}. */
  public static void check(String basePackage) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(basePackage);
    slices()
        .matching(basePackage + ".(*)..")
        .namingSlices("package $1")
        .should()
        .beFreeOfCycles()
        .because("a feature package that imports back into one that imports it is one package")
        .check(classes);
    noClasses()
        .that(outsideTheHttpEdge())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.ws.rs..")
        .because("only resources speak HTTP; the domain throws DomainException")
        .check(classes);
    methods()
        .that()
        .areAnnotatedWith("jakarta.ws.rs.POST")
        .should(honourAnIdempotencyKey())
        .because("a client that got no answer must be able to retry a POST without a second effect")
        .check(classes);
  }

  private static ArchCondition<JavaMethod> honourAnIdempotencyKey() {
    return new ArchCondition<>("honour an Idempotency-Key (be or be in a class @Idempotent)") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        if (!method.isAnnotatedWith(IDEMPOTENT) && !method.getOwner().isAnnotatedWith(IDEMPOTENT)) {
          events.add(
              SimpleConditionEvent.violated(
                  method, method.getFullName() + " is a POST that ignores Idempotency-Key"));
        }
      }
    };
  }

  // A resource's nested records (its request and answer bodies) belong to the edge too.
  private static DescribedPredicate<JavaClass> outsideTheHttpEdge() {
    return DescribedPredicate.describe(
        "are not resources (classes named *Resource, and the classes nested in them)",
        c -> !topLevelOf(c).getSimpleName().endsWith("Resource"));
  }

  private static JavaClass topLevelOf(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }
}
