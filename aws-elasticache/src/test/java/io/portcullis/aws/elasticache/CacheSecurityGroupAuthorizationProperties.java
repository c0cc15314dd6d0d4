package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class CacheSecurityGroupAuthorizationProperties {
  private final CacheSecurityGroupRuleTranslator translator =
      new CacheSecurityGroupRuleTranslator(TranslationPolicy.STRICT);

  @Property(tries = 300)
  void anAuthorisationSurvivesRuleTextAndTranslation(
      @ForAll @AlphaChars @NumericChars @Chars({'-', '_', '.', ' ', '"'}) @StringLength(min = 1, max = 40) String name,
      @ForAll @NumericChars @Chars('-') @StringLength(min = 1, max = 14) String owner) {
    Assume.that(!name.isBlank());
    CacheSecurityGroupAuthorization a = new CacheSecurityGroupAuthorization(name, owner);

    SecurityRule readBack = SecurityRule.parse(a.toRule().toText());

    assertEquals(a, translator.toAuthorization(readBack));
  }
}
