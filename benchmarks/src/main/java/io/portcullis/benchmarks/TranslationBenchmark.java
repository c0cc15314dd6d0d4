package io.portcullis.benchmarks;

import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import io.portcullis.aws.ec2.Ec2Capabilities;
import io.portcullis.aws.ec2.Ec2RuleTranslator;
import io.portcullis.aws.ec2.Ec2Translation;
import io.portcullis.aws.elasticache.CacheSecurityGroupRuleTranslator;
import io.portcullis.core.Direction;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.huaweicloud.vpc.HuaweiRuleTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * Translation throughput per provider, neutral to provider and back, on {@value #RULES} rules of {@link
 * RuleMix} (each provider gets the part of the mix it can express). Scores are rules per second. The forward
 * paths of EC2 and Huawei run beside their references: the same SDK objects built directly from the rules
 * ({@link DirectSdkObjects}), without checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranslationBenchmark {
  static final int RULES = 1000;

  private final Ec2RuleTranslator ec2 = Ec2RuleTranslator.strict();
  private final HuaweiRuleTranslator huawei = new HuaweiRuleTranslator();
  private final CacheSecurityGroupRuleTranslator cache = new CacheSecurityGroupRuleTranslator(TranslationPolicy.STRICT);

  private List<SecurityRule> ec2Rules;
  private List<IpPermission> ec2Ingress;
  private List<IpPermission> ec2Egress;
  private List<SecurityRule> huaweiRules;
  private List<SecurityGroupRule> huaweiReplies;
  private List<SecurityRule> cacheRules;
  private CacheSecurityGroup cacheReply;

  /** Builds each provider's rules and their provider-side form. */
  @Setup
  public void setUp() {
    List<SecurityRule> mix = RuleMix.generate(RULES * 2, 7);
    ec2Rules = mix.stream().filter(r -> Ec2Capabilities.CAPABILITIES.check(r).isEmpty()).limit(RULES).toList();
    Ec2Translation translated = ec2.translate(ec2Rules);
    ec2Ingress = translated.permissions(Direction.INGRESS);
    ec2Egress = translated.permissions(Direction.EGRESS);
    huaweiRules = mix.stream().filter(r -> huawei.check(r).isEmpty()).limit(RULES).toList();
    huaweiReplies = new ArrayList<>();
    for (SecurityRule rule : huaweiRules) {
      for (CreateSecurityGroupRuleOption o : huawei.toCreateOptions("group", rule)) {
        huaweiReplies.add(reply(o, huaweiReplies.size()));
      }
    }
    cacheRules = new ArrayList<>();
    List<EC2SecurityGroup> entries = new ArrayList<>();
    for (int i = 0; i < RULES; i++) {
      cacheRules.add(SecurityRule.parse("ingress allow any from group-name app-" + i + " owner 123456789012"));
      entries.add(EC2SecurityGroup.builder().ec2SecurityGroupName("app-" + i).ec2SecurityGroupOwnerId("123456789012")
          .status("authorized").build());
    }
    cacheReply = CacheSecurityGroup.builder().cacheSecurityGroupName("cache").ec2SecurityGroups(entries).build();
  }

  private static SecurityGroupRule reply(CreateSecurityGroupRuleOption o, int n) {
    return new SecurityGroupRule().withId("rule-" + n).withSecurityGroupId(o.getSecurityGroupId())
        .withDirection(o.getDirection()).withEthertype(o.getEthertype()).withProtocol(o.getProtocol())
        .withMultiport(o.getMultiport()).withRemoteIpPrefix(o.getRemoteIpPrefix())
        .withRemoteGroupId(o.getRemoteGroupId()).withRemoteAddressGroupId(o.getRemoteAddressGroupId())
        .withAction(o.getAction()).withPriority(Integer.valueOf(o.getPriority())).withDescription(o.getDescription());
  }

  /** Neutral rules to EC2 IpPermissions. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public Ec2Translation ec2Forward() {
    return ec2.translate(ec2Rules);
  }

  /** Reference: the same IpPermissions built directly. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public Object ec2ForwardDirect() {
    return DirectSdkObjects.ec2(ec2Rules);
  }

  /** EC2 IpPermissions back to neutral rules. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public int ec2Reverse() {
    return Ec2RuleTranslator.reverse(Direction.INGRESS, ec2Ingress).size()
        + Ec2RuleTranslator.reverse(Direction.EGRESS, ec2Egress).size();
  }

  /** Neutral rules to Huawei v3 batch-create items. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void huaweiForward(Blackhole blackhole) {
    for (SecurityRule rule : huaweiRules) {
      blackhole.consume(huawei.toBatchOptions(rule));
    }
  }

  /** Reference: the same batch-create items built directly. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void huaweiForwardDirect(Blackhole blackhole) {
    for (SecurityRule rule : huaweiRules) {
      blackhole.consume(DirectSdkObjects.huawei(rule));
    }
  }

  /** Huawei v3 rules back to neutral rules. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public int huaweiReverse() {
    int n = 0;
    for (SecurityGroupRule reply : huaweiReplies) {
      n += huawei.fromHuawei(reply).rule().hashCode();
    }
    return n;
  }

  /** Neutral rules to ElastiCache authorisations. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public Object elastiCacheForward() {
    return cache.translate(cacheRules);
  }

  /** ElastiCache authorisations back to neutral rules. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public List<ProvisionedRule> elastiCacheReverse() {
    return CacheSecurityGroupRuleTranslator.toProvisionedRules(cacheReply);
  }
}
