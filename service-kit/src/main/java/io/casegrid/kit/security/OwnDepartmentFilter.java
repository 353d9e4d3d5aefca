package io.casegrid.kit.security;

import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Staff act and read under {@code /api/departments/{department}/…} only for their own department.
 * Checked before the request body is read, so a member of another department learns nothing, not
 * even whether the body would have been valid.
 */
public class OwnDepartmentFilter {

  private final Caller caller;

  OwnDepartmentFilter(Caller caller) {
    this.caller = caller;
  }

  @ServerRequestFilter
  public void ownDepartmentOnly(UriInfo uri) {
    List<PathSegment> segments = uri.getPathSegments();
    if (segments.size() >= 3
        && segments.get(0).getPath().equals("api")
        && segments.get(1).getPath().equals("departments")) {
      caller.requireOwnDepartment(segments.get(2).getPath());
    }
  }
}
