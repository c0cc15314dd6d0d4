/**
 * Fleet apply: plan and apply many groups across providers, accounts and regions at once, with bounded concurrency,
 * client-side rate limits per provider, account, region and kind of call, backoff on throttling, independent
 * groups, cancellation and progress. Start with {@link io.portcullis.core.fleet.Fleet}.
 */
package io.portcullis.core.fleet;
