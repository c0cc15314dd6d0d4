/**
 * Desired-state rule files: YAML or JSON documents that list, per provider and security group, the rules a
 * group should have. Read them with {@link io.portcullis.rulefile.RuleFiles}, within {@link
 * io.portcullis.rulefile.RuleFileLimits}; every error is a {@link io.portcullis.rulefile.RuleFileException}
 * naming the file, the line and the rule, and every rule keeps its {@link io.portcullis.rulefile.SourceLocation}.
 */
@NullMarked
package io.portcullis.rulefile;

import org.jspecify.annotations.NullMarked;
