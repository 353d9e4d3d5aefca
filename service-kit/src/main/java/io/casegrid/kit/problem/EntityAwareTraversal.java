package io.casegrid.kit.problem;

import io.quarkus.arc.Unremovable;
import io.quarkus.hibernate.orm.runtime.ProviderUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.spi.LoadState;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;
import org.hibernate.engine.spi.Managed;
import org.hibernate.proxy.HibernateProxy;

/**
 * Which properties Bean Validation may read. With Hibernate ORM present, Quarkus asks JPA of every
 * property of every object validated whether it is loaded, and for an object that is not an entity
 * (every request body) JPA can only tell by reading the property by reflection. This answers
 * "reachable" at once for objects that are not entities or embeddables, and asks JPA, as Quarkus
 * does, for those that are, so that validating an entity still never loads a lazy property.
 */
@ApplicationScoped
@Unremovable
public class EntityAwareTraversal implements TraversableResolver {

  private static final ClassValue<Boolean> PERSISTENT =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          if (Managed.class.isAssignableFrom(type) || HibernateProxy.class.isAssignableFrom(type)) {
            return true;
          }
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Entity.class)
                || c.isAnnotationPresent(Embeddable.class)
                || c.isAnnotationPresent(MappedSuperclass.class)) {
              return true;
            }
          }
          return false;
        }
      };

  private final ProviderUtil jpa = new ProviderUtil();

  @Override
  public boolean isReachable(
      Object traversableObject,
      Path.Node traversableProperty,
      Class<?> rootBeanType,
      Path pathToTraversableObject,
      ElementType elementType) {
    if (traversableObject == null || !PERSISTENT.get(traversableObject.getClass())) {
      return true;
    }
    String property = traversableProperty.getName();
    LoadState state = jpa.isLoadedWithoutReference(traversableObject, property);
    if (state == LoadState.UNKNOWN) {
      state = jpa.isLoadedWithReference(traversableObject, property);
    }
    return state != LoadState.NOT_LOADED;
  }

  @Override
  public boolean isCascadable(
      Object traversableObject,
      Path.Node traversableProperty,
      Class<?> rootBeanType,
      Path pathToTraversableObject,
      ElementType elementType) {
    return true;
  }
}
