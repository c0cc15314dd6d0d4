package io.portcullis.core;

import java.util.Locale;

/** What a matching rule does with the traffic. */
public enum Action {
  /** Let the traffic through. */
  ALLOW,
  /** Drop the traffic (only providers with ordered rules, such as Huawei Cloud v3, can express this). */
  DENY;

  /** The lower-case keyword used in the text form and by provider APIs. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
