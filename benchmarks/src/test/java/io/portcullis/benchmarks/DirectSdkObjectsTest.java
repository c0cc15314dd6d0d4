package io.portcullis.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.aws.ec2.Ec2Capabilities;
import io.portcullis.aws.ec2.Ec2RuleTranslator;
import io.portcullis.aws.ec2.Ec2Translation;
import io.portcullis.core.SecurityRule;
import io.portcullis.huaweicloud.vpc.HuaweiRuleTranslator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The references of the translation benchmarks build exactly what the translators build, no more, no less. */
class DirectSdkObjectsTest {
  private final List<SecurityRule> mix = RuleMix.generate(20_000, 7);

  @Test
  void ec2ReferenceBuildsTheTranslatorsPermissions() {
    List<SecurityRule> rules = mix.stream().filter(r -> Ec2Capabilities.CAPABILITIES.check(r).isEmpty()).toList();
    Ec2Translation translated = Ec2RuleTranslator.strict().translate(rules);

    var direct = DirectSdkObjects.ec2(rules);

    assertEquals(translated.ingress(), direct.get(true));
    assertEquals(translated.egress(), direct.get(false));
  }

  @Test
  void huaweiReferenceBuildsTheTranslatorsItems() {
    HuaweiRuleTranslator translator = new HuaweiRuleTranslator();
    for (SecurityRule rule : mix.stream().filter(r -> translator.check(r).isEmpty()).toList()) {
      assertEquals(translator.toBatchOptions(rule), List.of(DirectSdkObjects.huawei(rule)), rule.toText());
    }
  }
}
