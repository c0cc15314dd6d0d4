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
  void applyGivesEachGroupItsOwnOutcome() throws IOException {
    String mixed = write("mixed.yaml", Files.readString(Path.of(example)) + """
          - provider: aws-ec2
            group: sg-0badbadbadbadbad0
            rules:
              - ingress deny tcp 22 from 0.0.0.0/0
        """);
    clouds.ec2().failNext("AuthorizeSecurityGroupIngress",
        Fault.error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

    CliRun r = run("apply", "--fake", "--auto-approve", "--parallelism", "4", mixed);

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().matches("(?s).*Summary:\n  PROVIDER +GROUP +RESULT +DETAIL\n"
        + "  aws-ec2 +sg-0a1b2c3d4e5f60718 +failed +.*You are not authorized.*\n"
        + "  aws-elasticache +mygroup +applied +1 change applied in 1 call\n"
        + "  huaweicloud-vpc +1c8d9f94-6022-4518-bb98-e0145fcc7b33 +applied +5 changes applied in 3 calls\n"
        + "  aws-ec2 +sg-0badbadbadbadbad0 +failed +aws-ec2 cannot express rule 'ingress deny tcp 22.*"), r.toString());
    assertTrue(r.out().contains("failed create ingress allow tcp 22 from 203.0.113.0/24 \"admin ssh\""), r.toString());
    assertTrue(r.err().contains("3 groups in "), r.toString());

    CliRun again = run("plan", "--fake", "--parallelism", "4", example);
    assertTrue(again.out().contains("aws-elasticache  mygroup"), again.toString());
  }

  @Test
  void parallelismOutOfRangeIsAUsageError() {
    CliRun r = run("apply", "--fake", "--parallelism", "0", example);

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("--parallelism must be from 1 to 1024, not 0"), r.toString());
  }
}
