/**
 * The provider-neutral firewall rule model: {@link io.portcullis.core.SecurityRule} and its parts, their
 * validation and one-line text form, what each provider can express ({@link
 * io.portcullis.core.ProviderCapabilities}) and the typed errors every adapter shares.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = true))
package io.portcullis.core;

import org.immutables.value.Value;
