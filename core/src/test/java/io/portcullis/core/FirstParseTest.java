package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.collect.ImmutableList;
import inet.ipaddr.IPAddress;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a first parse in a fresh JVM sets up, seen through a class loader of its own: the IP library's classes,
 * most of a first parse's cost, are read only for a CIDR text the direct reading leaves to the library, and
 * nothing is bootstrapped through method handles (lambdas, string concatenation, records' generated methods).
 */
class FirstParseTest {
  @Test
  void commonRulesLoadNothingOfTheIpLibraryNorAnyLambda() throws Exception {
    List<String> loaded = Collections.synchronizedList(new ArrayList<>());
    URL[] classPath = {location(SecurityRule.class), location(IPAddress.class), location(ImmutableList.class)};
    try (URLClassLoader fresh = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        loaded.add(name);
        return super.loadClass(name, resolve);
      }
    }) {
      Method parse = Class.forName(SecurityRule.class.getName(), true, fresh).getMethod("parse", String.class);
      for (String text : List.of("ingress allow tcp 22,443,8000-8080 from 10.0.0.0/8 \"admin\"",
          "egress deny udp 53 to 2001:db8::/32 priority 5", "ingress allow icmp type 3 code 4 from 192.0.2.7",
          "ingress allow icmpv6 from ::/0", "ingress allow tcp 5432 from sg-0abc owner 123456789012")) {
        assertEquals("io.portcullis.core.ImmutableSecurityRule", parse.invoke(null, text).getClass().getName());
      }

      assertEquals(List.of(), loaded.stream().filter(n -> n.startsWith("inet.ipaddr.")).toList());
      // lambdas, string concatenation and records' generated methods bootstrap through these
      assertEquals(List.of(), loaded.stream()
          .filter(n -> n.startsWith("java.lang.invoke.") || n.startsWith("java.lang.runtime.")).toList());

      parse.invoke(null, "ingress allow tcp 22 from ::ffff:10.0.0.1");
      assertFalse(loaded.stream().noneMatch(n -> n.startsWith("inet.ipaddr.")), "the library reads the rest");
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
