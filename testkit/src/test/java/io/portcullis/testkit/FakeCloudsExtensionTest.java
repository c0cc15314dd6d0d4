package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ConfigurationException;
import io.portcullis.core.ProviderSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

@ExtendWith(FakeCloudsExtension.class)
class FakeCloudsExtensionTest {
  @Test
  void injectsTheRunningFakes(FakeClouds clouds, FakeEc2 ec2, FakeElastiCache cache, FakeHuaweiVpc huawei) {
    assertSame(clouds.ec2(), ec2);
    assertSame(clouds.elastiCache(), cache);
    assertSame(clouds.huaweiVpc(), huawei);
    assertEquals(3, clouds.all().stream().map(f -> f.endpoint().getPort()).distinct().count());
    clouds.all().forEach(f -> assertEquals("127.0.0.1", f.endpoint().getHost()));
  }

  @Test
  void settingsAimARealClientAtItsFake(FakeClouds clouds) {
    ProviderSettings settings = clouds.settings(FakeClouds.AWS_EC2);
    String group = clouds.ec2().createSecurityGroup("web", FakeEc2.DEFAULT_VPC_ID, false, false);
    clouds.clearCalls();

    try (Ec2Client client = Ec2Client.builder()
        .endpointOverride(settings.endpoint().orElseThrow())
        .region(Region.of(settings.region().orElseThrow()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            settings.credentials().orElseThrow().accessKeyId(), settings.credentials().orElseThrow().secretAccessKey())))
        .build()) {
      client.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22)
          .toPort(22).ipRanges(range -> range.cidrIp("10.0.0.0/8"))));
    }

    assertEquals(1, clouds.mutatingCallCount());
    assertEquals(1, clouds.ec2().rules(group).size());
  }

  @Test
  void huaweiSettingsCarryTheProjectAndNoSecretInText(FakeClouds clouds) {
    ProviderSettings settings = clouds.settings(FakeClouds.HUAWEICLOUD_VPC);

    assertEquals(Optional.of(clouds.huaweiVpc().projectId()), settings.projectId());
    assertEquals(Optional.of(clouds.huaweiVpc().endpoint()), settings.endpoint());
    assertFalse(settings.toString().contains(settings.credentials().orElseThrow().secretAccessKey()), settings.toString());
    assertNotEquals(clouds.settings(FakeClouds.AWS_EC2).endpoint(), clouds.settings(FakeClouds.AWS_ELASTICACHE).endpoint());
  }

  @Test
  void unknownProvidersAndMissingAdaptersAreNamed(FakeClouds clouds) {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> clouds.settings("gcp"));
    assertTrue(unknown.getMessage().contains("aws-ec2"), unknown.getMessage());

    // The test kit itself has no adapter on its class path.
    ConfigurationException missing =
        assertThrows(ConfigurationException.class, () -> clouds.rules(FakeClouds.HUAWEICLOUD_VPC));
    assertTrue(missing.getMessage().contains("no adapter 'huaweicloud-vpc' on the class path; add its artifact "
        + "(e.g. io.portcullis:portcullis-huaweicloud-vpc)"), missing.getMessage());
  }

  @Test
  void groupsCanBeCreatedWithTheIdsARuleFileNames(FakeEc2 ec2, FakeHuaweiVpc huawei) {
    assertEquals("sg-0123456789abcdef0", ec2.createSecurityGroupWithId("sg-0123456789abcdef0", "named", "vpc-1"));
    assertEquals(1, ec2.rules("sg-0123456789abcdef0").size(), "EC2's default egress rule");
    assertThrows(IllegalArgumentException.class, () -> ec2.createSecurityGroupWithId("sg-0123456789abcdef0", "x", "vpc-1"));

    String id = "1c8d9f94-6022-4518-bb98-e0145fcc7b33";
    assertEquals(id, huawei.createSecurityGroupWithId(id, "web"));
    assertEquals(4, huawei.rules(id).size(), "Huawei's four default rules");
    assertThrows(IllegalArgumentException.class, () -> huawei.createSecurityGroupWithId(id, "again"));
  }
}
