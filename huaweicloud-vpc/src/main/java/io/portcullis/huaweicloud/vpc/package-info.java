/**
 * Huawei Cloud VPC v3 security-group rules through the Portcullis model: {@link
 * io.portcullis.huaweicloud.vpc.HuaweiRuleTranslator} translates neutral rules to and from the v3 SDK model
 * without I/O, {@link io.portcullis.huaweicloud.vpc.HuaweiSecurityGroupRules} and {@link
 * io.portcullis.huaweicloud.vpc.HuaweiAddressGroups} call an injected {@code VpcClient}, and {@link
 * io.portcullis.huaweicloud.vpc.HuaweiErrors} turns the SDK's errors into the core typed exceptions.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    // The generated builder is package-private, so Javadoc documents its methods on the public Builder.
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    defaults = @Value.Immutable(copy = true),
    // No org.immutables.value.Generated and no other annotation found on the class path in the generated code:
    // consumers without Immutables would get "Cannot find annotation method 'from()'" warnings.
    allowedClasspathAnnotations = {Override.class})
@NullMarked
package io.portcullis.huaweicloud.vpc;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
