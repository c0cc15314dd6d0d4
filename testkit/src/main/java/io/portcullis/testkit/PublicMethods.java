package io.portcullis.testkit;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls every public method of an object with sample arguments and reports each exception that is not a {@link
 * io.portcullis.core.PortcullisException}: the check that no NullPointerException, IllegalArgumentException,
 * IllegalStateException or SDK exception escapes an adapter, whatever the server answers.
 */
public final class PublicMethods {
  private PublicMethods() {}

  /**
   * Samples for the core's parameter types: {@code group} for group references and ids, {@code rule} for rules
   * (and collections of them; a collection of strings gets one id), an authoritative plan creating {@code rule},
   * default apply options, and plain values. Add the adapter's own types to the returned (mutable) map.
   */
  public static Map<Class<?>, Function<Type, Object>> coreSamples(SecurityGroupRef group, SecurityRule rule) {
    Map<Class<?>, Function<Type, Object>> samples = new HashMap<>();
    samples.put(SecurityGroupRef.class, t -> group);
    samples.put(String.class, t -> group.displayName());
    samples.put(SecurityRule.class, t -> rule);
    Function<Type, Object> collection = t -> t instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] == String.class ? List.of(group.displayName()) : List.of(rule);
    samples.put(Collection.class, collection);
    samples.put(List.class, collection);
    samples.put(Map.class, t -> Map.of());
    samples.put(RulePlan.class, t -> RulePlan.between(List.of(rule), List.of(), PlanMode.AUTHORITATIVE));
    samples.put(ApplyOptions.class, t -> ApplyOptions.defaults());
    samples.put(PlanMode.class, t -> PlanMode.AUTHORITATIVE);
    samples.put(int.class, t -> 5);
    samples.put(boolean.class, t -> true);
    samples.put(GroupFilter.class, t -> GroupFilter.builder().build());
    samples.put(GroupSpec.class, t -> GroupSpec.builder().name("web").description("web servers").build());
    return samples;
  }

  /**
   * Invokes each public instance method {@code target}'s class declares, with an argument from {@code samples}
   * for each parameter's class (given the parameter's generic type, e.g. to tell {@code Collection<String>} from
   * {@code Collection<SecurityRule>}).
   *
   * @return one line per method that threw an untyped exception, and per method no sample could be found for
   */
  public static List<String> untypedExceptions(Object target, Map<Class<?>, Function<Type, Object>> samples) {
    List<String> problems = new ArrayList<>();
    Method[] methods = target.getClass().getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
    for (Method m : methods) {
      if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || m.isSynthetic()) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      boolean missing = false;
      for (int i = 0; i < args.length; i++) {
        Function<Type, Object> sample = samples.get(m.getParameterTypes()[i]);
        if (sample == null) {
          problems.add(m.getName() + ": no sample for " + m.getParameterTypes()[i].getName());
          missing = true;
          break;
        }
        args[i] = sample.apply(m.getGenericParameterTypes()[i]);
      }
      if (missing) {
        continue;
      }
      try {
        m.invoke(target, args);
      } catch (InvocationTargetException e) {
        Throwable thrown = e.getCause();
        if (!(thrown instanceof PortcullisException)) {
          problems.add(m.getName() + " threw " + thrown);
        }
      } catch (IllegalAccessException e) {
        problems.add(m.getName() + ": " + e);
      }
    }
    return problems;
  }
}
