package io.portcullis.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of an AWS Query request, read the way the protocol flattens them: lists as {@code
 * Name.1}, {@code Name.2}, ..., structures as {@code Name.Member}. A form can be narrowed to one list item or
 * structure, whose names are then relative to it.
 */
final class QueryForm {
  private final Map<String, String> params;
  private final String prefix;

  private QueryForm(Map<String, String> params, String prefix) {
    this.params = params;
    this.prefix = prefix;
  }

  /** The whole request. */
  static QueryForm of(FakeRequest request) {
    Map<String, String> params = request.form();
    request.query().forEach((name, values) -> params.putIfAbsent(name, values.get(values.size() - 1)));
    return new QueryForm(params, "");
  }

  /** A parameter's value, or null when it was not sent. */
  String get(String name) {
    return params.get(prefix + name);
  }

  /** A parameter that must be present, or the AWS {@code MissingParameter} error. */
  String required(String name) {
    String value = get(name);
    if (value == null || value.isEmpty()) {
      throw new FaultException(400, "MissingParameter",
          "The request must contain the parameter " + prefix + name);
    }
    return value;
  }

  /** An integer parameter, or null when it was not sent. */
  Integer integer(String name) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new FaultException(400, "InvalidParameterValue",
          "Invalid value '" + value + "' for " + prefix + name + ": not an integer");
    }
  }

  /** Whether a boolean parameter was sent as {@code true}. */
  boolean flag(String name) {
    return Boolean.parseBoolean(get(name));
  }

  /** The structure {@code Name.*}. */
  QueryForm child(String name) {
    return new QueryForm(params, prefix + name + ".");
  }

  /** The items of the list {@code Name.N.*}, in index order. */
  List<QueryForm> list(String name) {
    List<QueryForm> out = new ArrayList<>();
    for (int index : indices(name)) {
      out.add(child(name + "." + index));
    }
    return out;
  }

  /** The values of the list of strings {@code Name.N}, in index order. */
  List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (int index : indices(name)) {
      String value = get(name + "." + index);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  private TreeSet<Integer> indices(String name) {
    Pattern item = Pattern.compile(Pattern.quote(prefix + name + ".") + "(\\d+)(\\..*)?");
    TreeSet<Integer> indices = new TreeSet<>();
    for (String key : params.keySet()) {
      Matcher m = item.matcher(key);
      if (m.matches()) {
        indices.add(Integer.valueOf(m.group(1)));
      }
    }
    return indices;
  }
}
