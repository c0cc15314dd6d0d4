package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An access key pair, with the session token of temporary credentials if there is one. Its {@link #toString()}
 * never shows the secret or the token, so it is safe in logs and messages.
 *
 * @param accessKeyId the access key id (AWS access key id, Huawei AK)
 * @param secretAccessKey the secret (AWS secret access key, Huawei SK)
 * @param sessionToken the session token of temporary credentials (AWS session token, Huawei security token)
 */
public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
  /** Checks that no component is null. */
  public StaticCredentials {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
    requireNonNull(sessionToken, "sessionToken");
  }

  /**
   * Long-term credentials: a key pair without a session token.
   *
   * @param accessKeyId the access key id (AWS access key id, Huawei AK)
   * @param secretAccessKey the secret (AWS secret access key, Huawei SK)
   */
  public StaticCredentials(String accessKeyId, String secretAccessKey) {
    this(accessKeyId, secretAccessKey, Optional.empty());
  }

  /** Shows only the start of the key id, never the secret or the token. */
  @Override
  public String toString() {
    String shown = accessKeyId.length() <= 4 ? "****" : accessKeyId.substring(0, 4) + "****";
    return "StaticCredentials[accessKeyId=" + shown + ", secretAccessKey=****"
        + (sessionToken.isPresent() ? ", sessionToken=****" : "") + "]";
  }
}
