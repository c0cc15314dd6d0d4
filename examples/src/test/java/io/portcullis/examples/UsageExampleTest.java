package io.portcullis.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.plan.ApplyResult;
import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.FakeCloudsExtension;
import io.portcullis.testkit.FakeEc2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

@ExtendWith(FakeCloudsExtension.class)
class UsageExampleTest {
  @Test
  void theReadmeUsageConvergesAGroup(FakeClouds clouds, FakeEc2 fake) {
    String group = fake.createSecurityGroup("web", FakeEc2.DEFAULT_VPC_ID, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Ec2Client client = Ec2Client.builder()
        .endpointOverride(fake.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .build()) {
      ApplyResult result = UsageExample.converge(client, group, new PrintStream(out, true, StandardCharsets.UTF_8));

      assertTrue(result.isComplete(), result.render());
      assertEquals(1, result.mutatingCalls(), "one authorize; the default egress rule is already the desired one");
      assertEquals(5, fake.rules(group).size(), "22 and 3389 are two EC2 rules");
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("Plan: 4 to create, 0 to update, 0 to delete, 1 unchanged."),
          out.toString(StandardCharsets.UTF_8));
    }
  }
}
