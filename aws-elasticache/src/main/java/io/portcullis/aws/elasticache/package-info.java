/**
 * ElastiCache cache-security-group ingress through the Portcullis model: {@link
 * io.portcullis.aws.elasticache.CacheSecurityGroupRuleTranslator} translates neutral rules to and from EC2 security
 * group authorisations without I/O, and {@link io.portcullis.aws.elasticache.CacheSecurityGroupRules} calls an
 * {@code ElastiCacheClient}.
 */
@NullMarked
package io.portcullis.aws.elasticache;

import org.jspecify.annotations.NullMarked;
