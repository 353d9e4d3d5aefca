package io.casegrid.citypackage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The second city in the repository (deploy/demo/generate_second_city.py) is a sound package of its
 * own: two districts, six streets, 72 grids, 2,016 covers with the city's own column names, ten
 * utilities, two bureaus and six street offices, its areas with its GIS's own property names, and
 * every file as the schemas publish them.
 */
class TheSecondCityTest {

  private static final Path CITY = Path.of("../deploy/demo/second-city");

  @Test
  void theSecondCityIsASoundPackageOfItsOwn() throws IOException {
    try (CityPackage p = CityPackage.read(CITY)) {
      Loader.Checked c = Loader.check(p);

      assertThat(c.problems()).isEmpty();
      assertThat(c.parts().intake().get("assets")).hasSize(2016);
      assertThat(c.parts().intake().get("areas"))
          .filteredOn(a -> a.path("level").asText().equals("GRID"))
          .hasSize(72);
      assertThat(c.parts().intake().get("areas"))
          .filteredOn(a -> a.path("level").asText().equals("STREET"))
          .hasSize(6);
      assertThat(c.parts().dispatch().get("departments"))
          .extracting(d -> d.path("kind").asText())
          .containsOnly("UTILITY", "BUREAU", "TERRITORIAL")
          .filteredOn("TERRITORIAL"::equals)
          .hasSize(6);
      assertThat(c.parts().intake().at("/areas/0/code").asText()).startsWith("4408");
    }
  }

  @Test
  void everyFileOfTheSecondCityKeepsToItsSchema() throws IOException {
    for (String file : CityPackage.FILES) {
      Path path = CITY.resolve(file);
      if (Files.exists(path)) {
        assertThat(
                ComparingAndExportingTest.schemaProblems(
                    file, new ObjectMapper().readTree(path.toFile())))
            .as(file)
            .isEmpty();
      }
    }
  }
}
