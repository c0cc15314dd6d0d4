package io.portcullis.core;

import static java.util.Objects.requireNonNull;

/**
 * An access key pair. Its {@link #toString()} never shows the secret, so it is safe in logs and messages.
 *
 * @param accessKeyId the access key id (AWS access key id, Huawei AK)
 * @param secretAccessKey the secret (AWS secret access key, Huawei SK)
 */
public record StaticCredentials(String accessKeyId, String secretAccessKey) {
  /** Checks that no component is null. */
  public StaticCredentials {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /** Shows only the start of the key id, never the secret. */
  @Override
  public String toString() {
    String shown = accessKeyId.length() <= 4 ? "****" : accessKeyId.substring(0, 4) + "****";
    return "StaticCredentials[accessKeyId=" + shown + ", secretAccessKey=****]";
  }
}
