package io.casegrid.intake.campaigns;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Rectification campaigns: what a campaign lists unless its creator says otherwise. */
@ConfigMapping(prefix = "casegrid.campaigns")
public interface CampaignsConfig {

  /**
   * The kinds of defect an inspection may record when a campaign lists none of its own (the Beijing
   * 2020 manhole-cover list, and unmarked covers).
   */
  @WithDefault(
      "MISSING,BROKEN,DISPLACED,RATTLING,SUNKEN,RAISED,HEIGHT_DIFFERENCE,BROKEN_SURROUND,"
          + "WRONG_COVER,NO_ANTI_FALL_NET,UNMARKED")
  List<String> defectKinds();

  /** Assets placed in their grids per statement when a campaign is launched. */
  @WithDefault("20000")
  int placementChunk();

  /** At most this many photo links per inspection result. */
  @WithDefault("9")
  int maxPhotos();
}
