package io.portcullis.testkit;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import java.util.List;

/**
 * All three fakes at once — EC2, ElastiCache and Huawei Cloud VPC v3 on 127.0.0.1 — with the settings that
 * point an adapter at each. For tests (see {@link FakeCloudsExtension}) and for running examples without a
 * cloud account.
 *
 * <pre>{@code
 * try (FakeClouds clouds = FakeClouds.start()) {
 *   String group = clouds.ec2().createSecurityGroup("web", FakeEc2.DEFAULT_VPC_ID, false);
 *   SecurityGroupRules ec2 = clouds.rules("aws-ec2");   // the real adapter and SDK client, aimed at the fake
 *   ec2.apply(SecurityGroupRef.ofId(group), ec2.plan(SecurityGroupRef.ofId(group), desired, PlanMode.ADDITIVE));
 * }
 * }</pre>
 */
public final class FakeClouds implements AutoCloseable {
  /** The provider name of the EC2 adapter. */
  public static final String AWS_EC2 = "aws-ec2";
  /** The provider name of the ElastiCache adapter. */
  public static final String AWS_ELASTICACHE = "aws-elasticache";
  /** The provider name of the Huawei Cloud VPC adapter. */
  public static final String HUAWEICLOUD_VPC = "huaweicloud-vpc";
  /** The region the AWS settings name; the fakes accept any. */
  public static final String AWS_REGION = "us-east-1";

  // Obviously fake, so nobody mistakes them for real keys; the fakes never check signatures.
  private static final StaticCredentials CREDENTIALS =
      new StaticCredentials("AKIAPORTCULLISFAKE00", "portcullis-fake-secret");

  private final FakeEc2 ec2;
  private final FakeElastiCache elastiCache;
  private final FakeHuaweiVpc huaweiVpc;

  private FakeClouds(FakeEc2 ec2, FakeElastiCache elastiCache, FakeHuaweiVpc huaweiVpc) {
    this.ec2 = ec2;
    this.elastiCache = elastiCache;
    this.huaweiVpc = huaweiVpc;
  }

  /** Starts the three fakes, each on its own ephemeral port of 127.0.0.1. */
  public static FakeClouds start() {
    FakeEc2 ec2 = new FakeEc2();
    try {
      FakeElastiCache elastiCache = new FakeElastiCache();
      try {
        return new FakeClouds(ec2, elastiCache, new FakeHuaweiVpc());
      } catch (RuntimeException e) {
        elastiCache.close();
        throw e;
      }
    } catch (RuntimeException e) {
      ec2.close();
      throw e;
    }
  }

  /** The EC2 fake. */
  public FakeEc2 ec2() {
    return ec2;
  }

  /** The ElastiCache fake. */
  public FakeElastiCache elastiCache() {
    return elastiCache;
  }

  /** The Huawei Cloud VPC v3 fake. */
  public FakeHuaweiVpc huaweiVpc() {
    return huaweiVpc;
  }

  /** Every fake, for call counts and fault injection across providers. */
  public List<FakeService> all() {
    return List.of(ec2, elastiCache, huaweiVpc);
  }

  /** Mutating calls received by all fakes together. */
  public long mutatingCallCount() {
    return all().stream().mapToLong(FakeService::mutatingCallCount).sum();
  }

  /** Forgets the calls of every fake. */
  public void clearCalls() {
    all().forEach(FakeService::clearCalls);
  }

  /**
   * The settings that aim the adapter for {@code provider} ({@link #AWS_EC2}, {@link #AWS_ELASTICACHE} or
   * {@link #HUAWEICLOUD_VPC}) at its fake, with dummy credentials.
   */
  public ProviderSettings settings(String provider) {
    ProviderSettings.Builder b = ProviderSettings.builder().credentials(CREDENTIALS);
    return switch (provider) {
      case AWS_EC2 -> b.endpoint(ec2.endpoint()).region(AWS_REGION).build();
      case AWS_ELASTICACHE -> b.endpoint(elastiCache.endpoint()).region(AWS_REGION).build();
      case HUAWEICLOUD_VPC -> b.endpoint(huaweiVpc.endpoint()).projectId(huaweiVpc.projectId()).build();
      default -> throw new IllegalArgumentException(
          "no fake for provider '" + provider + "'; fakes: " + List.of(AWS_EC2, AWS_ELASTICACHE, HUAWEICLOUD_VPC));
    };
  }

  /**
   * The adapter for {@code provider}, found with {@link SecurityGroupRulesProvider} (so the adapter module
   * must be on the class path), aimed at its fake.
   */
  public SecurityGroupRules rules(String provider) {
    return SecurityGroupRulesProvider.load(provider, settings(provider));
  }

  /**
   * The group adapter for {@code provider}, found with {@link SecurityGroupsProvider} (so the adapter module must
   * be on the class path), aimed at its fake.
   */
  public SecurityGroups groups(String provider) {
    return SecurityGroupsProvider.load(provider, settings(provider));
  }

  /** Stops every fake. */
  @Override
  public void close() {
    all().forEach(FakeService::close);
  }
}
