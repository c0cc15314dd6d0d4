/**
 * Desired-state rule files: YAML or JSON documents that list, per provider and security group, the rules a
 * group should have. Read them with {@link io.portcullis.rulefile.RuleFiles}; every error names the file,
 * the line and the rule.
 */
@NullMarked
package io.portcullis.rulefile;

import org.jspecify.annotations.NullMarked;
