package io.portcullis.core;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of the text form. {@code mvn verify} runs it in regression mode over the stored inputs in
 * {@code src/test/resources/io/portcullis/core/RuleTextFuzzTestInputs/parse/} (quick); to fuzz, run it with
 * {@code JAZZER_FUZZ=1} and add any input it reports to that directory. Every input must parse to a rule that
 * survives the text form, or fail with an {@link InvalidRuleException} with a message.
 */
class RuleTextFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(String text) {
    RuleTextProperties.parseOrReject(text);
  }
}
