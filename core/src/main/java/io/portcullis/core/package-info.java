/**
 * The provider-neutral firewall rule model: {@link io.portcullis.core.SecurityRule} and its parts, their
 * validation and one-line text form, what each provider can express ({@link
 * io.portcullis.core.ProviderCapabilities}) and the typed errors every adapter shares.
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
package io.portcullis.core;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
