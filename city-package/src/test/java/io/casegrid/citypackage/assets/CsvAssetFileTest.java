package io.casegrid.citypackage.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvAssetFileTest {

  private static List<AssetFile.Item> read(String csv) throws Exception {
    return read(csv.getBytes(StandardCharsets.UTF_8));
  }

  private static List<AssetFile.Item> read(byte[] csv) throws Exception {
    List<AssetFile.Item> items = new ArrayList<>();
    try (CsvAssetFile file = new CsvAssetFile(new ByteArrayInputStream(csv))) {
      AssetFile.Item item;
      while ((item = file.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  @Test
  void readsEachRecordWithTheLineItStartsOnWhateverTheOrderOfTheColumns() throws Exception {
    List<AssetFile.Item> items =
        read(
            "\uFEFFlatitude,code,categoryCode,longitude,ownerDepartmentCode,address,note\r\n"
                + "30.215,3399010102000001,0102,120.0865,DRAINAGE,\"湖滨路1号, 东侧\",x\r\n"
                + "\r\n"
                + " 30.216 ,3399010102000002,0102,120.0866,,\"说\"\"明\n第二行\",\n"
                + "30.217,3399010102000003,0102,120.0867,GAS,,");
    assertThat(items)
        .containsExactly(
            new AssetFile.Row(
                2, "3399010102000001", "0102", "30.215", "120.0865", "DRAINAGE", "湖滨路1号, 东侧"),
            new AssetFile.Row(4, "3399010102000002", "0102", "30.216", "120.0866", "", "说\"明\n第二行"),
            new AssetFile.Row(6, "3399010102000003", "0102", "30.217", "120.0867", "GAS", ""));
  }

  @Test
  void theAddressColumnMayBeLeftOut() throws Exception {
    assertThat(read("code,categoryCode,latitude,longitude,ownerDepartmentCode\n1,2,3,4,5\n"))
        .containsExactly(new AssetFile.Row(2, "1", "2", "3", "4", "5", null));
  }

  @Test
  void aMalformedRecordIsReportedByItsLineAndTheNextOneIsReadOn() throws Exception {
    String header = "code,categoryCode,latitude,longitude,ownerDepartmentCode\n";
    List<AssetFile.Item> items =
        read(
            header
                + "1,2,3,4\n"
                + "\"1\"x,2,3,4,5\n"
                + "x".repeat(CsvAssetFile.MAX_RECORD + 10)
                + "\n"
                + "1,2,3,4,5\n"
                + "\"1,2,3,4,5\n");
    assertThat(items).hasSize(5);
    assertThat(items.get(0))
        .isEqualTo(new AssetFile.Unreadable(2, "has 4 fields where the header has 5"));
    assertThat(items.get(1))
        .isEqualTo(new AssetFile.Unreadable(3, "text follows the closing quote of a field"));
    assertThat(items.get(2)).isInstanceOf(AssetFile.Unreadable.class);
    assertThat(items.get(2).position()).isEqualTo(4);
    assertThat(items.get(3)).isEqualTo(new AssetFile.Row(5, "1", "2", "3", "4", "5", null));
    assertThat(items.get(4)).isEqualTo(new AssetFile.Unreadable(6, "a quoted field is not closed"));
  }

  @Test
  void invalidUtf8IsReadAsReplacementCharactersForTheRulesToRefuse() throws Exception {
    byte[] header =
        "code,categoryCode,latitude,longitude,ownerDepartmentCode\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] row = {'1', ',', '2', ',', '3', ',', '4', ',', (byte) 0xC3, (byte) 0x28, '\n'};
    byte[] csv = new byte[header.length + row.length];
    System.arraycopy(header, 0, csv, 0, header.length);
    System.arraycopy(row, 0, csv, header.length, row.length);
    assertThat(((AssetFile.Row) read(csv).get(0)).ownerDepartmentCode()).contains("\uFFFD");
  }

  @Test
  void aFileWithoutTheColumnsIsNoAssetFile() {
    assertThatThrownBy(() -> read("code,kind,lat,lon\n1,2,3,4\n"))
        .isInstanceOf(AssetFile.NotAnAssetFile.class)
        .hasMessageContaining("missing: categoryCode, latitude, longitude, ownerDepartmentCode");
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(AssetFile.NotAnAssetFile.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () -> read("code,code,categoryCode,latitude,longitude,ownerDepartmentCode\n"))
        .isInstanceOf(AssetFile.NotAnAssetFile.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> read(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}))
        .isInstanceOf(AssetFile.NotAnAssetFile.class);
  }
}
