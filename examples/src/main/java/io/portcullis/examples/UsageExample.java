package io.portcullis.examples;

import io.portcullis.aws.ec2.Ec2SecurityGroupRules;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.io.PrintStream;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The README's usage example, kept compiling and tested: converge one EC2 group to four rules. */
public final class UsageExample {
  private UsageExample() {}

  /** Plans and applies the README's rules to {@code groupId} through {@code client}, printing to {@code out}. */
  public static ApplyResult converge(Ec2Client client, String groupId, PrintStream out) {
    SecurityGroupRules ec2 = new Ec2SecurityGroupRules(client);
    SecurityGroupRef web = SecurityGroupRef.ofId(groupId);
    List<SecurityRule> desired = List.of(
        SecurityRule.parse("ingress allow tcp 443 from 0.0.0.0/0 \"https\""),
        SecurityRule.parse("ingress allow tcp 22,3389 from 203.0.113.0/24 \"admin\""),
        SecurityRule.parse("ingress allow tcp 443 from 2001:db8::/32"),
        SecurityRule.parse("egress allow any to 0.0.0.0/0"));

    RulePlan plan = ec2.plan(web, desired, PlanMode.AUTHORITATIVE);
    out.println(plan.render());
    ApplyResult result = ec2.apply(web, plan);
    out.println(result.render());
    return result;
  }
}
