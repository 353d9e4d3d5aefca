package io.casegrid.kit.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/**
 * How large a request body may be: {@code max-body-size} for every request, photos aside (see
 * {@code casegrid.attachments.max-bytes}), and the upload routes a service names, which take files
 * an administrator imports. An upload route's limit holds only for its content types; any other
 * body sent to it keeps {@code max-body-size}.
 */
@ConfigMapping(prefix = "casegrid.http")
public interface HttpLimits {

  /** The largest body of any request that is neither a photo nor an upload. */
  @WithDefault("1M")
  MemorySize maxBodySize();

  /** Routes that take large files, by a name of the service's choosing. */
  Map<String, Upload> uploads();

  /** One upload route. */
  interface Upload {

    /** The request path, exactly as the route declares it. */
    String path();

    /** The media types (without parameters) of the files it takes, e.g. {@code text/csv}. */
    List<String> contentTypes();

    /**
     * The largest file. Must lie below {@code quarkus.http.limits.max-body-size}, the HTTP server's
     * own cap, so that an upload sent in chunks past it is answered here with problem+json.
     */
    MemorySize maxBodySize();
  }
}
