package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProviderException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.UnsupportedRuleException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;
import software.amazon.awssdk.services.elasticache.model.SecurityGroupMembership;

/**
 * Manages the ingress of ElastiCache cache security groups through neutral rules, over an injected {@link
 * ElastiCacheClient}. Cache groups are referenced by name ({@link SecurityGroupRef#ofName(String)}).
 *
 * <p>Rules are translated by {@link CacheSecurityGroupRuleTranslator}; a batch with any rule that cannot be
 * expressed is rejected as a whole with {@link UnsupportedRuleException} before any call. ElastiCache takes one
 * authorisation per call, so a batch is applied call by call: if a call fails after others succeeded (or fails
 * without an answer), a {@link PartialChangeException} says exactly what was applied; if the first call is refused,
 * its typed {@link ProviderException} is thrown and nothing was changed.
 *
 * <p>Cache security groups only apply to clusters outside a VPC. For a cluster in a VPC, {@link
 * #vpcSecurityGroupsOf(String)} gives the EC2 security groups to manage with the aws-ec2 adapter instead.
 */
public final class CacheSecurityGroupRules {
  private static final Logger LOG = LoggerFactory.getLogger(CacheSecurityGroupRules.class);
  private static final String AUTHORIZE = "AuthorizeCacheSecurityGroupIngress";
  private static final String REVOKE = "RevokeCacheSecurityGroupIngress";

  private final ElastiCacheClient client;
  private final CacheSecurityGroupRuleTranslator translator;

  /** A service that translates strictly: a rule naming a protocol, ports or a description is rejected. */
  public CacheSecurityGroupRules(ElastiCacheClient client) {
    this(client, TranslationPolicy.STRICT);
  }

  /** A service with this translation policy for protocol, ports and description. */
  public CacheSecurityGroupRules(ElastiCacheClient client, TranslationPolicy policy) {
    this.client = requireNonNull(client, "client");
    this.translator = new CacheSecurityGroupRuleTranslator(policy);
  }

  /** The translator this service uses, to check rules without calling ElastiCache. */
  public CacheSecurityGroupRuleTranslator translator() {
    return translator;
  }

  /**
   * Authorises each rule's EC2 group on {@code cacheGroup}: one AuthorizeCacheSecurityGroupIngress call per
   * distinct authorisation, in rule order.
   *
   * @throws UnsupportedRuleException before any call, naming every rule that cannot be expressed
   * @throws PartialChangeException if a call failed after others were applied, or without an answer
   * @throws ProviderException (typed, e.g. {@code DuplicateRuleException}) if the first call was refused
   */
  public CacheSecurityGroupChange authorize(SecurityGroupRef cacheGroup, Collection<SecurityRule> rules) {
    String name = nameOf(cacheGroup);
    return apply(AUTHORIZE, cacheGroup, rules, a -> {
      var response = client.authorizeCacheSecurityGroupIngress(r -> r.cacheSecurityGroupName(name)
          .ec2SecurityGroupName(a.ec2SecurityGroupName())
          .ec2SecurityGroupOwnerId(a.ec2SecurityGroupOwnerId()));
      return new Reply(response.cacheSecurityGroup(), response.responseMetadata().requestId());
    });
  }

  /**
   * Revokes each rule's EC2 group from {@code cacheGroup}: one RevokeCacheSecurityGroupIngress call per distinct
   * authorisation, in rule order. Errors as for {@link #authorize}; a missing authorisation is a {@code
   * RuleNotFoundException}.
   */
  public CacheSecurityGroupChange revoke(SecurityGroupRef cacheGroup, Collection<SecurityRule> rules) {
    String name = nameOf(cacheGroup);
    return apply(REVOKE, cacheGroup, rules, a -> {
      var response = client.revokeCacheSecurityGroupIngress(r -> r.cacheSecurityGroupName(name)
          .ec2SecurityGroupName(a.ec2SecurityGroupName())
          .ec2SecurityGroupOwnerId(a.ec2SecurityGroupOwnerId()));
      return new Reply(response.cacheSecurityGroup(), response.responseMetadata().requestId());
    });
  }

  /**
   * The authorisations of {@code cacheGroup} as neutral rules with their status, following DescribeCacheSecurityGroups'
   * {@code Marker} to the last page.
   */
  public List<ProvisionedRule> list(SecurityGroupRef cacheGroup) {
    String name = nameOf(cacheGroup);
    return call(() -> {
      List<ProvisionedRule> rules = new ArrayList<>();
      client.describeCacheSecurityGroupsPaginator(r -> r.cacheSecurityGroupName(name))
          .cacheSecurityGroups()
          .forEach(g -> rules.addAll(CacheSecurityGroupRuleTranslator.toProvisionedRules(g)));
      return rules;
    });
  }

  /**
   * Creates a cache security group. ElastiCache stores the name in lower case; the returned reference carries the
   * name as stored.
   *
   * @throws io.portcullis.core.GroupAlreadyExistsException if the name is taken
   * @throws io.portcullis.core.QuotaExceededException if the account has its maximum of cache security groups
   */
  public SecurityGroupRef createGroup(String name, String description) {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    CacheSecurityGroup created = call(() -> client.createCacheSecurityGroup(
        r -> r.cacheSecurityGroupName(name).description(description)).cacheSecurityGroup());
    LOG.debug("created cache security group {}", name);
    return SecurityGroupRef.ofName(Optional.ofNullable(created)
        .map(CacheSecurityGroup::cacheSecurityGroupName)
        .orElse(name));
  }

  /**
   * Deletes a cache security group.
   *
   * @throws io.portcullis.core.InvalidGroupStateException while a cluster still uses it
   */
  public void deleteGroup(SecurityGroupRef cacheGroup) {
    String name = nameOf(cacheGroup);
    call(() -> client.deleteCacheSecurityGroup(r -> r.cacheSecurityGroupName(name)));
    LOG.debug("deleted cache security group {}", name);
  }

  /**
   * The EC2 security groups of a cluster in a VPC (DescribeCacheClusters' {@code SecurityGroups[].SecurityGroupId}),
   * to manage with the aws-ec2 adapter; empty for a cluster outside a VPC, which uses cache security groups.
   *
   * @throws io.portcullis.core.GroupNotFoundException if there is no such cluster
   */
  public List<SecurityGroupRef> vpcSecurityGroupsOf(String cacheClusterId) {
    requireNonNull(cacheClusterId, "cacheClusterId");
    return call(() -> client.describeCacheClustersPaginator(r -> r.cacheClusterId(cacheClusterId))
        .cacheClusters()
        .stream()
        .flatMap(c -> c.securityGroups().stream())
        .map(SecurityGroupMembership::securityGroupId)
        .distinct()
        .map(SecurityGroupRef::ofId)
        .toList());
  }

  private CacheSecurityGroupChange apply(
      String operation, SecurityGroupRef cacheGroup, Collection<SecurityRule> rules, Call send) {
    CacheSecurityGroupTranslation translation = translator.translate(rules);
    // the caller gets the warnings in the result; the log only traces them
    translation.warnings().forEach(w -> LOG.debug("{}: {}", operation, w));
    List<TranslatedAuthorization> todo = translation.authorizations();
    List<AppliedAuthorization> applied = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      TranslatedAuthorization next = todo.get(i);
      Reply reply;
      try {
        reply = call(() -> send.send(next.authorization()));
      } catch (RuntimeException e) {
        if (applied.isEmpty() && e instanceof ProviderException) {
          throw e;
        }
        throw new PartialChangeException(
            operation, cacheGroup, applied, next, todo.subList(i + 1, todo.size()), e);
      }
      LOG.debug("{} {} on {} (request id {})", operation, next.authorization(), cacheGroup, reply.requestId());
      applied.add(new AppliedAuthorization(next, find(reply.group(), next.authorization()),
          Optional.ofNullable(reply.requestId())));
    }
    return new CacheSecurityGroupChange(cacheGroup, applied, translation.warnings());
  }

  /** The authorisation's entry in the group as a reply showed it, if listed. */
  private static Optional<ProvisionedRule> find(CacheSecurityGroup group, CacheSecurityGroupAuthorization a) {
    if (group == null) {
      return Optional.empty();
    }
    for (EC2SecurityGroup entry : group.ec2SecurityGroups()) {
      if (a.ec2SecurityGroupName().equals(entry.ec2SecurityGroupName())
          && a.ec2SecurityGroupOwnerId().equals(entry.ec2SecurityGroupOwnerId())) {
        return Optional.of(CacheSecurityGroupRuleTranslator.toProvisionedRule(group.cacheSecurityGroupName(), entry));
      }
    }
    return Optional.empty();
  }

  /** Runs an SDK call, mapping ElastiCache's errors to the core typed exceptions. */
  private static <T> T call(Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (AwsServiceException e) {
      throw ElastiCacheErrors.map(e);
    }
  }

  private static String nameOf(SecurityGroupRef cacheGroup) {
    requireNonNull(cacheGroup, "cacheGroup");
    return cacheGroup.name().orElseThrow(() -> new IllegalArgumentException(
        "ElastiCache cache security groups are referenced by name, not by id: " + cacheGroup));
  }

  /** One authorise or revoke call. */
  @FunctionalInterface
  private interface Call {
    Reply send(CacheSecurityGroupAuthorization authorization);
  }

  /** What a call's reply holds: the group after the call and the request id. */
  private record Reply(CacheSecurityGroup group, String requestId) {}
}
