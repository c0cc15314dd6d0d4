package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortSetTest {
  @ParameterizedTest
  @CsvSource({"1,1", "65535,65535", "0,1", "0,65535", "22,22", "8000,8080"})
  void validRanges(int from, int to) {
    PortRange r = PortRange.of(from, to);
    assertEquals(from, r.from());
    assertEquals(to, r.to());
    assertEquals(to - from + 1, r.size());
  }

  @ParameterizedTest
  @CsvSource({"-1,5,-1-5", "5,4,5-4", "1,65536,1-65536", "65536,65536,65536", "-1,-1,-1"})
  void invalidRangesNameTheRangeAndTheAllowedForm(int from, int to, String shown) {
    assertSingle(() -> PortRange.of(from, to), "ports", shown, "ports 0-65535, written N or FROM-TO");
  }

  @Test
  void zeroIsAPortAsEc2AcceptsIt() {
    assertEquals(PortSet.range(0, 10), PortSet.parse("0-10"));
    assertEquals(PortSet.single(0), PortSet.parse("0"));
    assertEquals("0", PortSet.parse("0").toString());
    assertEquals(PortSet.all(), PortSet.parse("1-65535,0"));
  }

  @Test
  void rangeHelpers() {
    PortRange r = PortRange.of(10, 20);
    assertTrue(r.contains(10) && r.contains(20));
    assertFalse(r.contains(9) || r.contains(21));
    assertTrue(r.encloses(PortRange.of(12, 20)));
    assertFalse(r.encloses(PortRange.of(9, 12)));
    assertTrue(PortRange.of(22).isSinglePort());
    assertEquals("22", PortRange.of(22).toString());
    assertEquals("10-20", r.toString());
  }

  @Test
  void listIsSortedAndMerged() {
    PortSet s = PortSet.parse("8080,22,8000-8079,3389,23,21");
    assertEquals(List.of(PortRange.of(21, 23), PortRange.of(3389), PortRange.of(8000, 8080)), s.ranges());
    assertEquals("21-23,3389,8000-8080", s.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "22,8000-8080; 8000-8080,22",
      "22,22; 22",
      "10-20,15-25; 10-25",
      "10-20,21-30; 10-30",
      "10-20,12-15; 10-20",
      "1-5,7-9,6; 1-9",
      "80,81,82,443; 80-82,443"})
  void differentSpellingsOfTheSameSetAreEqual(String a, String b) {
    assertEquals(PortSet.parse(a), PortSet.parse(b));
    assertEquals(PortSet.parse(a).hashCode(), PortSet.parse(b).hashCode());
    assertEquals(PortSet.parse(a).toString(), PortSet.parse(b).toString());
  }

  @Test
  void nonAdjacentRangesStaySeparate() {
    assertEquals(2, PortSet.parse("10-20,22-30").ranges().size());
    assertNotEquals(PortSet.parse("10-20,22-30"), PortSet.parse("10-30"));
    assertNotEquals(PortSet.parse("0-22"), PortSet.parse("1-22"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1-65535", "0-65535", "all", "ALL", "1-100,101-65535", "0-10,5-65535", "80,1-79,81-65535"})
  void everyPortIsAll(String text) {
    PortSet s = PortSet.parse(text);
    assertEquals(PortSet.all(), s);
    assertTrue(s.isAll());
    assertTrue(s.ranges().isEmpty());
    assertEquals("all", s.toString());
  }

  @Test
  void allButOnePortIsNotAll() {
    assertFalse(PortSet.parse("1-65534").isAll());
    assertFalse(PortSet.parse("2-65535").isAll());
  }

  @Test
  void setOperations() {
    PortSet s = PortSet.parse("22,8000-8080");
    assertTrue(s.contains(22) && s.contains(8050));
    assertFalse(s.contains(23));
    assertTrue(PortSet.all().contains(1));
    assertTrue(s.containsAll(PortSet.parse("8000-8010,22")));
    assertFalse(s.containsAll(PortSet.parse("21-22")));
    assertFalse(s.containsAll(PortSet.all()));
    assertTrue(PortSet.all().containsAll(s));
    assertEquals(PortSet.parse("22-23,8000-8080"), s.union(PortSet.single(23)));
    assertEquals(PortSet.all(), s.union(PortSet.all()));
    assertFalse(s.isContiguous());
    assertTrue(PortSet.single(22).isContiguous());
    assertTrue(PortSet.all().isContiguous());
  }

  @Test
  void emptyListIsRejected() {
    assertSingle(() -> PortSet.of(List.of()), "ports", "", "at least one port or range; omit ports for all");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "22,", ",22", "22,,23", "22-", "-22", "1-2-3", "abc", "22a", "100000", "1e3", "+22",
      "22 - 23", "٢٢"})
  void malformedListsAreRejectedWholeWithTheAllowedForm(String text) {
    assertSingle(() -> PortSet.parse(text), "ports", text, "written N or FROM-TO with FROM <= TO, separated by commas");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"22,70000; 70000", "30-20; 30-20", "65536; 65536"})
  void outOfRangeEntriesAreNamed(String text, String entry) {
    assertSingle(() -> PortSet.parse(text), "ports", entry, "ports 0-65535");
  }
}
