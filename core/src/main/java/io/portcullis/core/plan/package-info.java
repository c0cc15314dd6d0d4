/**
 * Desired-state planning: {@link io.portcullis.core.plan.RulePlan} compares the rules a group should have with
 * the rules it has, and {@link io.portcullis.core.plan.ApplyResult} reports, rule by rule, what applying a
 * plan did.
 */
@NullMarked
package io.portcullis.core.plan;

import org.jspecify.annotations.NullMarked;
