/**
 * Security groups themselves, provider-neutral: {@link io.portcullis.core.group.SecurityGroups} lists, finds,
 * creates, tags and deletes them; {@link io.portcullis.core.group.GroupResolver} turns a group named in a desired
 * state into the id its rules are planned against, creating it first when asked to.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = true))
package io.portcullis.core.group;

import org.immutables.value.Value;
