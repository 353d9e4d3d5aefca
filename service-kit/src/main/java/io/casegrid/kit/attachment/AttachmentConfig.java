package io.casegrid.kit.attachment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on the photos of a case. */
@ConfigMapping(prefix = "casegrid.attachments")
public interface AttachmentConfig {

  /** The largest photo accepted, in bytes. */
  @WithDefault("5242880")
  int maxBytes();

  /** How many photos one case may hold. */
  @WithDefault("20")
  int maxPerCase();
}
