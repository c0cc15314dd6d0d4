package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityGroupRefTest {
  @Test
  void idNameOrBoth() {
    assertEquals("sg-1", SecurityGroupRef.ofId("sg-1").displayName());
    assertEquals("sg-1", SecurityGroupRef.ofId("sg-1").toString());
    assertEquals("default", SecurityGroupRef.ofName("default").displayName());
    SecurityGroupRef both = new SecurityGroupRef(Optional.of("sg-1"), Optional.of("web"));
    assertEquals("sg-1", both.displayName());
    assertEquals("sg-1 (web)", both.toString());
  }

  @Test
  void needsIdOrName() {
    assertSingle(() -> new SecurityGroupRef(Optional.empty(), Optional.empty()), "group", "",
        "a security group id, a name, or both");
  }

  @Test
  void badIdOrName() {
    assertSingle(() -> SecurityGroupRef.ofId(" "), "group id", " ", "1-255 characters, no control characters");
    assertSingle(() -> SecurityGroupRef.ofName("a\tb"), "group name", "a\tb", "no control characters");
    assertSingle(() -> SecurityGroupRef.ofName("n".repeat(256)), "group name", "n".repeat(197) + "...",
        "1-255 characters");
  }
}
