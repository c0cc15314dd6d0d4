package io.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} and {@code apply} with {@code --parallelism}: the fleet gives the same reports as one by one. */
class ParallelismTest {
  @TempDir
  Path dir;
  FakeClouds clouds;
  String example;

  @BeforeEach
  void start() throws IOException {
    clouds = FakeClouds.start();
    try (InputStream in = ParallelismTest.class.getResourceAsStream("/" + ExampleFile.NAME)) {
      example = write("desired-state.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @AfterEach
  void stop() {
    clouds.close();
  }

  private String write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }

  private CliRun run(String... args) {
    return CliRun.run(clouds, "", args);
  }

  @Test
  void planPrintsWhatItPrintsOneByOne() {
    CliRun one = run("plan", "--fake", example);
    CliRun many = run("plan", "--fake", "--parallelism", "4", example);

    assertEquals(one.code(), many.code(), many.toString());
    assertEquals(one.out(), many.out());
    assertTrue(many.err().contains("[3/3] "), many.toString());
  }

  @Test
  void applyReportsWhatItReportsOneByOne() throws IOException {
    String mixed = write("mixed.yaml", Files.readString(Path.of(example)) + """
          - provider: aws-ec2
            group: sg-0badbadbadbadbad0
            rules:
              - ingress deny tcp 22 from 0.0.0.0/0
        """);
    CliRun one;
    try (FakeClouds others = FakeClouds.start()) {
      others.ec2().failNext("AuthorizeSecurityGroupIngress", Fault.forbidden());
      one = CliRun.run(others, "", "apply", "--fake", "--auto-approve", mixed);
    }
    clouds.ec2().failNext("AuthorizeSecurityGroupIngress", Fault.forbidden());

    CliRun many = run("apply", "--fake", "--auto-approve", "--parallelism", "4", mixed);

    assertEquals(1, many.code(), many.toString());
    assertEquals(withoutIds(one.out()), withoutIds(many.out()));
    assertTrue(many.out().contains("aws-elasticache  mygroup"), many.toString());
    assertTrue(many.err().contains("3 groups in "), many.toString());
    assertTrue(many.err().contains("[3/3] "), many.toString());
  }

  /** The fakes make up rule and request ids (UUIDs). */
  private static String withoutIds(String text) {
    return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID");
  }

  @Test
  void callConcurrencyAppliesAsOneByOne() throws IOException {
    CliRun one;
    try (FakeClouds others = FakeClouds.start()) {
      one = CliRun.run(others, "", "apply", "--fake", "--auto-approve", example);
    }

    CliRun many = run("apply", "--fake", "--auto-approve", "--call-concurrency", "4", example);

    assertEquals(0, many.code(), many.toString());
    assertEquals(withoutIds(one.out()), withoutIds(many.out()));
    assertTrue(run("plan", "--fake", example).out().contains("No changes"));
    CliRun bad = run("apply", "--fake", "--call-concurrency", "65", example);
    assertEquals(1, bad.code(), bad.toString());
    assertTrue(bad.err().contains("--call-concurrency must be from 1 to 64, not 65"), bad.toString());
  }

  @Test
  void parallelismOutOfRangeIsAUsageError() {
    CliRun r = run("apply", "--fake", "--parallelism", "0", example);

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("--parallelism must be from 1 to 1024, not 0"), r.toString());
  }
}
