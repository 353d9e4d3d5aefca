package io.casegrid.intake.assets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How imports of the asset register run. */
@ConfigMapping(prefix = "casegrid.asset-import")
public interface AssetImportConfig {

  /** Rows written per JDBC batch, each batch in a transaction of its own. */
  @WithDefault("1000")
  int batchSize();

  /** How many rejected rows an import keeps to show, the first ones; all are counted. */
  @WithDefault("1000")
  int rejectionsKept();

  /** Imports one instance runs at once; a further one is refused with 429 until one ends. */
  @WithDefault("2")
  int maxRunning();

  /**
   * A running import that has reported no progress for this long is shown as failed: the instance
   * running it has stopped.
   */
  @WithDefault("10m")
  Duration staleAfter();

  /** How long finished imports and their rejected rows are kept. */
  @WithDefault("90d")
  Duration keep();

  /**
   * Where an uploaded file is kept while it is imported (deleted afterwards); by default the
   * system's temporary folder. It needs room for the largest file.
   */
  Optional<Path> spoolDirectory();
}
