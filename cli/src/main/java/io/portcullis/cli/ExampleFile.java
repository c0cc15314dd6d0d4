package io.portcullis.cli;

import io.portcullis.rulefile.RuleFile;
import io.portcullis.rulefile.RuleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in example rule file, {@code desired-state.yaml}: three groups on three providers (a multiport rule,
 * IPv6 rules, a deny rule with priority on Huawei, an ElastiCache authorisation).
 */
public final class ExampleFile {
  /** The name it is read under, and its path on the class path. */
  public static final String NAME = "desired-state.yaml";

  private ExampleFile() {}

  /** The parsed file. */
  public static RuleFile read() {
    try (InputStream in = ExampleFile.class.getResourceAsStream("/" + NAME)) {
      if (in == null) {
        throw new IllegalStateException(NAME + " is missing from the class path");
      }
      return RuleFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), NAME);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
