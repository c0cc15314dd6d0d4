/**
 * Pure analysis of provider-neutral rule sets: risky-rule lint ({@link io.portcullis.core.analysis.RuleLinter}),
 * exact compaction ({@link io.portcullis.core.analysis.RuleCompactor}) and the provider-neutral side of quota
 * fitting ({@link io.portcullis.core.analysis.QuotaChecker}, implemented per provider through {@link
 * io.portcullis.core.analysis.ProviderRuleCounter}). Nothing here performs I/O.
 */
@NullMarked
package io.portcullis.core.analysis;

import org.jspecify.annotations.NullMarked;
