package io.portcullis.testkit;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts {@link FakeClouds} once per test class and stops them after it, and
 * injects them (or one fake) into test methods and constructors.
 *
 * <pre>{@code
 * @ExtendWith(FakeCloudsExtension.class)
 * class MyRulesTest {
 *   @Test
 *   void appliesRules(FakeClouds clouds, FakeEc2 ec2) { ... }
 * }
 * }</pre>
 *
 * Or register it on a static field, {@code @RegisterExtension static final FakeCloudsExtension CLOUDS = new
 * FakeCloudsExtension();}, and use {@link #clouds()}. State is kept across the tests of a class: create a
 * fresh group per test, or {@link FakeClouds#clearCalls() clear the calls} where they are counted.
 */
public final class FakeCloudsExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final Map<Class<?>, Function<FakeClouds, Object>> INJECTABLE = Map.of(
      FakeClouds.class, c -> c,
      FakeEc2.class, FakeClouds::ec2,
      FakeElastiCache.class, FakeClouds::elastiCache,
      FakeHuaweiVpc.class, FakeClouds::huaweiVpc);

  private FakeClouds clouds;

  /** An extension; the fakes start before the test class's first test. */
  public FakeCloudsExtension() {}

  /** The running fakes. */
  public FakeClouds clouds() {
    if (clouds == null) {
      throw new IllegalStateException("the fake clouds start before the first test of the class");
    }
    return clouds;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    clouds = FakeClouds.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (clouds != null) {
      clouds.close();
      clouds = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTABLE.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTABLE.get(parameter.getParameter().getType()).apply(clouds());
  }
}
