package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A provider's reply (or listing) that cannot be trusted: a field is missing or null, an entry names another
 * group, a page token repeats, the same rule id comes twice, or the reply does not match the request. Nothing is
 * planned or deleted from such a reply; after a mutating call it makes the apply re-read the group and settle.
 * Unlike {@link InvalidRuleException} it is never the caller's mistake.
 */
public class ProviderReplyException extends ProviderException {
  private final String operation;
  private final String field;

  /**
   * An exception for a reply of {@code operation} whose {@code field} is wrong.
   *
   * @param problem what is wrong, for people
   */
  public ProviderReplyException(String provider, String operation, String field, String problem,
      Optional<String> requestId) {
    super(new ProviderError(provider, Optional.empty(),
        "untrusted reply to " + operation + ": " + field + ": " + problem, requestId, java.util.OptionalInt.empty()),
        null);
    this.operation = requireNonNull(operation, "operation");
    this.field = requireNonNull(field, "field");
  }

  /**
   * Returns {@code value} if the reply had it.
   *
   * @throws ProviderReplyException naming {@code field} if it is null
   */
  public static <T> T requirePresent(String provider, String operation, String field, T value) {
    if (value == null) {
      throw new ProviderReplyException(provider, operation, field, "missing or null", Optional.empty());
    }
    return value;
  }

  /**
   * Returns {@code items} if each is present and has its {@code part}.
   *
   * @param list the reply's field holding the items, e.g. {@code SecurityGroups}
   * @param partName the part's name within an item, e.g. {@code GroupId}
   * @throws ProviderReplyException naming the item ({@code list[i]}) or its part ({@code list[i].partName}) that
   *     is null
   */
  public static <T> List<T> requireEach(String provider, String operation, String list, List<T> items,
      String partName, Function<T, ?> part) {
    for (int i = 0; i < items.size(); i++) {
      T item = requirePresent(provider, operation, list + "[" + i + "]", items.get(i));
      requirePresent(provider, operation, list + "[" + i + "]." + partName, part.apply(item));
    }
    return items;
  }

  /** The operation whose reply it was, e.g. {@code DescribeSecurityGroupRules}. */
  public String operation() {
    return operation;
  }

  /** The reply's field that is wrong, e.g. {@code NextToken} or {@code security_group_rules[3]}. */
  public String field() {
    return field;
  }
}
