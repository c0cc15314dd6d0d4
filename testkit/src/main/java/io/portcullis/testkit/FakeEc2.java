package io.portcullis.testkit;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.IpVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stateful in-memory fake of the EC2 security group rule API (Query protocol, version 2016-11-15), served
 * on 127.0.0.1 for the real {@code Ec2Client}. It keeps groups and rules, hands out {@code sg-} and {@code
 * sgr-} ids (a counter, so runs are repeatable) and enforces EC2's documented behaviour: canonical CIDRs,
 * all ports for protocol -1 and unusual protocol numbers, duplicates failing the whole call, the rules quota
 * per group, direction and IP family, {@code UnknownIpPermissions} on revoke in a default VPC versus {@code
 * InvalidPermission.NotFound} elsewhere, dry runs and {@code NextToken} pagination.
 *
 * <p>Operations: AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress,
 * DescribeSecurityGroupRules, UpdateSecurityGroupRuleDescriptionsIngress/Egress, ModifySecurityGroupRules,
 * CreateSecurityGroup, DeleteSecurityGroup, DescribeSecurityGroups, CreateTags, DeleteTags,
 * DescribeNetworkInterfaces (see {@link FakeEc2Groups}) and DescribeManagedPrefixLists. Any other action gets
 * {@code InvalidAction}.
 */
public final class FakeEc2 extends AwsQueryService {
  /** The account that owns the fake's groups unless another is given. */
  public static final String DEFAULT_OWNER_ID = DEFAULT_ACCOUNT;
  /** The VPC that CreateSecurityGroup uses when the request names none; it is a default VPC. */
  public static final String DEFAULT_VPC_ID = "vpc-0default";
  /** EC2's default quota of inbound (and, separately, outbound) rules per group and IP family. */
  public static final int DEFAULT_RULES_PER_GROUP = 60;

  private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final Pattern DESCRIPTION = Pattern.compile("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{0,255}");
  private static final int DEFAULT_PAGE_SIZE = 1000;

  private final Map<String, Group> groups = new LinkedHashMap<>();
  /** By id; ids grow with the counter, so this order is also id order (pagination relies on it). */
  private final Map<String, FakeEc2Rule> rules = new LinkedHashMap<>();
  /** The same rules by group, each group's in id order: a call on one group does not scan every group's rules. */
  private final Map<String, Map<String, FakeEc2Rule>> rulesByGroup = new HashMap<>();
  private final FakeEc2Groups extras = new FakeEc2Groups();
  private long counter;
  private int rulesPerGroup = DEFAULT_RULES_PER_GROUP;
  private final FakeEc2PrefixLists prefixLists = new FakeEc2PrefixLists();

  private record Group(String id, String name, String description, String vpcId, boolean defaultVpc) {}

  /** Starts a fake whose groups belong to {@link #DEFAULT_OWNER_ID}. */
  public FakeEc2() {
    this(DEFAULT_OWNER_ID);
  }

  /** Starts a fake whose groups belong to the account {@code ownerId}. */
  public FakeEc2(String ownerId) {
    super(ownerId);
  }

  /**
   * Creates a group with EC2's default outbound rule (all protocols to 0.0.0.0/0).
   *
   * @param name the group name
   * @param vpcId the VPC
   * @param defaultVpc whether the VPC is the account's default VPC (revoking unknown rules is then not an
   *     error, and ingress calls may name the group instead of giving its id)
   * @return the new group's id
   */
  public String createSecurityGroup(String name, String vpcId, boolean defaultVpc) {
    return createSecurityGroup(name, vpcId, defaultVpc, true);
  }

  /**
   * Creates a group, with or without EC2's default outbound rule (all protocols to 0.0.0.0/0).
   *
   * @return the new group's id
   * @throws IllegalArgumentException if the VPC already has a group of that name
   */
  public synchronized String createSecurityGroup(
      String name, String vpcId, boolean defaultVpc, boolean withDefaultEgressRule) {
    if (findGroupByName(name, vpcId).isPresent()) {
      throw new IllegalArgumentException("VPC " + vpcId + " already has a group named " + name);
    }
    return addGroup(nextGroupId(), name, name, vpcId, defaultVpc, withDefaultEgressRule);
  }

  /**
   * Creates a group with a chosen id (e.g. the one a rule file names), with EC2's default outbound rule.
   *
   * @throws IllegalArgumentException if the id is taken or the VPC already has a group of that name
   */
  public synchronized String createSecurityGroupWithId(String id, String name, String vpcId) {
    if (groups.containsKey(id) || findGroupByName(name, vpcId).isPresent()) {
      throw new IllegalArgumentException("security group " + id + " or name " + name + " exists already");
    }
    return addGroup(id, name, name, vpcId, false, true);
  }

  private String nextGroupId() {
    String id;
    do {
      id = String.format("sg-%017x", ++counter);
    } while (groups.containsKey(id));
    return id;
  }

  private String addGroup(String id, String name, String description, String vpcId, boolean defaultVpc,
      boolean withDefaultEgressRule) {
    Group group = new Group(id, name, description, vpcId, defaultVpc);
    groups.put(group.id(), group);
    if (withDefaultEgressRule) {
      store(new FakeEc2Rule("", group.id(), true, "-1", -1, -1, Optional.of("0.0.0.0/0"), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Map.of()), Map.of());
    }
    return group.id();
  }

  /**
   * The rules of a group, oldest first.
   *
   * @throws IllegalArgumentException if there is no such group
   */
  public synchronized List<FakeEc2Rule> rules(String groupId) {
    if (!groups.containsKey(groupId)) {
      throw new IllegalArgumentException("no security group " + groupId);
    }
    return List.copyOf(groupRules(groupId).values());
  }

  /**
   * Adds a network interface that uses these groups (without a call); a group it uses cannot be deleted.
   *
   * @return its id, {@code eni-...}
   * @throws IllegalArgumentException if a group does not exist
   */
  public synchronized String createNetworkInterface(String... groupIds) {
    for (String id : groupIds) {
      if (!groups.containsKey(id)) {
        throw new IllegalArgumentException("no security group " + id);
      }
    }
    return extras.addInterface(String.format("eni-%017x", ++counter), List.of(groupIds));
  }

  /** The tags of a group, as CreateSecurityGroup, CreateTags and DeleteTags left them. */
  public synchronized Map<String, String> groupTags(String groupId) {
    return extras.tags(groupId);
  }

  /** Whether a group exists. */
  public synchronized boolean hasSecurityGroup(String groupId) {
    return groups.containsKey(groupId);
  }

  /**
   * Sets the quota of inbound (and, separately, outbound) rules per group and IP family; EC2's default is 60.
   * A rule that refers to a group or a prefix list counts for both families.
   */
  public synchronized void setRulesPerGroup(int quota) {
    if (quota < 1) {
      throw new IllegalArgumentException("the quota must be positive: " + quota);
    }
    rulesPerGroup = quota;
  }

  /**
   * Creates a customer-managed prefix list that may hold {@code maxEntries} entries (entries themselves are
   * not modelled) and returns its {@code pl-} id. A rule referring to it counts as {@code maxEntries} rules
   * against the quota, as in EC2; DescribeManagedPrefixLists lists it.
   *
   * @param addressFamily {@code IPv4} or {@code IPv6}
   * @throws IllegalArgumentException for another family or a size outside 1-1000
   */
  public synchronized String createManagedPrefixList(String name, String addressFamily, int maxEntries) {
    String id = String.format("pl-%017x", ++counter);
    prefixLists.add(id, name, addressFamily, maxEntries);
    return id;
  }

  /** EC2's throttling error, to inject with {@link #failNext(String, Fault)}. */
  public static Fault throttling() {
    return FakeEc2Faults.standardError(Fault.Kind.THROTTLED);
  }

  @Override
  Fault standardError(Fault.Kind kind) {
    return FakeEc2Faults.standardError(kind);
  }

  @Override
  Paging paging() {
    return FakeEc2Faults.PAGING;
  }

  @Override
  protected boolean isMutating(String operation) {
    return operation.startsWith("Authorize") || operation.startsWith("Revoke")
        || operation.startsWith("UpdateSecurityGroupRuleDescriptions") || operation.equals("ModifySecurityGroupRules")
        || operation.equals("CreateSecurityGroup") || operation.equals("DeleteSecurityGroup")
        || operation.equals("CreateTags") || operation.equals("DeleteTags");
  }

  @Override
  protected FakeResponse handle(String operation, FakeRequest request) {
    QueryForm form = QueryForm.of(request);
    return switch (operation) {
      case "AuthorizeSecurityGroupIngress" -> authorize(operation, form, false);
      case "AuthorizeSecurityGroupEgress" -> authorize(operation, form, true);
      case "RevokeSecurityGroupIngress" -> revoke(operation, form, false);
      case "RevokeSecurityGroupEgress" -> revoke(operation, form, true);
      case "DescribeSecurityGroupRules" -> describeRules(operation, form);
      case "UpdateSecurityGroupRuleDescriptionsIngress" -> updateDescriptions(operation, form, false);
      case "UpdateSecurityGroupRuleDescriptionsEgress" -> updateDescriptions(operation, form, true);
      case "ModifySecurityGroupRules" -> modifyRules(operation, form);
      case "CreateSecurityGroup" -> createGroup(operation, form);
      case "DeleteSecurityGroup" -> deleteGroup(operation, form);
      case "DescribeSecurityGroups" -> describeGroups(operation, form);
      case "DescribeManagedPrefixLists" -> ok(prefixLists.describe(form, reply(operation)));
      case "CreateTags", "DeleteTags" -> changeTags(operation, form);
      case "DescribeNetworkInterfaces" -> ok(extras.describeInterfaces(reply(operation), form,
          id -> groups.get(id).name()));
      default -> throw invalidAction(operation);
    };
  }

  @Override
  protected FakeResponse errorReply(Fault fault, String requestId) {
    Xml xml = new Xml().start("Response").start("Errors").start("Error")
        .leaf("Code", fault.errorCode().orElseThrow()).leaf("Message", fault.message())
        .end().end().leaf("RequestID", requestId);
    return FakeResponse.xml(fault.httpStatus(), xml.document());
  }

  // ---- operations ----

  private FakeResponse authorize(String operation, QueryForm form, boolean egress) {
    Group group = targetGroup(form, !egress);
    List<FakeEc2Rule> requested = permissions(form, group, egress);
    Map<String, String> tags = tags(form, "security-group-rule");
    Set<String> keys = new HashSet<>();
    Map<String, FakeEc2Rule> existing = byMatchKey(group.id());
    for (FakeEc2Rule rule : requested) {
      if (!keys.add(rule.matchKey()) || existing.containsKey(rule.matchKey())) {
        throw duplicate(rule);
      }
    }
    List<FakeEc2Rule> after = new ArrayList<>(rulesOf(group.id(), egress));
    after.addAll(requested);
    checkQuota(after);
    dryRun(form);
    List<FakeEc2Rule> created = requested.stream().map(r -> store(r, tags)).toList();
    Xml xml = reply(operation).leaf("return", true).start("securityGroupRuleSet");
    created.forEach(r -> ruleItem(xml, r));
    return ok(xml);
  }

  private FakeResponse revoke(String operation, QueryForm form, boolean egress) {
    Group group = targetGroup(form, !egress);
    List<String> ids = form.values("SecurityGroupRuleId");
    boolean byPermissions = !form.list("IpPermissions").isEmpty();
    if (ids.isEmpty() != byPermissions) {
      throw new FaultException(400, "InvalidParameterCombination",
          "Give either SecurityGroupRuleIds or IpPermissions, not both and not neither.");
    }
    Map<String, FakeEc2Rule> revoked = new LinkedHashMap<>();
    List<FakeEc2Rule> unknown = new ArrayList<>();
    if (byPermissions) {
      Map<String, FakeEc2Rule> existing = byMatchKey(group.id());
      for (FakeEc2Rule rule : permissions(form, group, egress)) {
        Optional.ofNullable(existing.get(rule.matchKey()))
            .ifPresentOrElse(r -> revoked.put(r.id(), r), () -> unknown.add(rule));
      }
      if (!unknown.isEmpty() && !group.defaultVpc()) {
        throw new FaultException(400, "InvalidPermission.NotFound",
            "The specified rule does not exist in this security group: " + summary(unknown.get(0)));
      }
    } else {
      ids.forEach(id -> revoked.put(id, ruleOf(group, egress, id)));
    }
    dryRun(form);
    revoked.values().forEach(this::remove);
    Xml xml = reply(operation).leaf("return", true);
    if (!unknown.isEmpty()) {
      ipPermissions(xml.start("unknownIpPermissionSet"), unknown).end();
    }
    xml.start("revokedSecurityGroupRuleSet");
    for (FakeEc2Rule r : revoked.values()) {
      xml.start("item").leaf("securityGroupRuleId", r.id()).leaf("groupId", r.groupId()).leaf("isEgress", r.egress())
          .leaf("ipProtocol", r.ipProtocol()).leaf("fromPort", r.fromPort()).leaf("toPort", r.toPort())
          .leaf("cidrIpv4", r.cidrIpv4()).leaf("cidrIpv6", r.cidrIpv6()).leaf("prefixListId", r.prefixListId())
          .leaf("referencedGroupId", r.referencedGroup().map(FakeEc2GroupReference::groupId))
          .leaf("description", r.description()).end();
    }
    return ok(xml);
  }

  private FakeResponse describeRules(String operation, QueryForm form) {
    Predicate<FakeEc2Rule> selected = r -> true;
    for (QueryForm filter : form.list("Filter")) {
      selected = selected.and(filter(filter.required("Name"), Set.copyOf(filter.values("Value"))));
    }
    List<String> ids = form.values("SecurityGroupRuleId");
    for (String id : ids) {
      if (!rules.containsKey(id)) {
        throw ruleIdNotFound(id);
      }
    }
    if (!ids.isEmpty()) {
      selected = selected.and(r -> ids.contains(r.id()));
    }
    Integer maxResults = form.integer("MaxResults");
    if (maxResults != null && (maxResults < 5 || maxResults > 1000)) {
      throw new FaultException(400, "InvalidParameterValue",
          "Value (" + maxResults + ") for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
    }
    dryRun(form);
    String after = form.get("NextToken") == null ? "" : PageToken.lastKey(form.get("NextToken")).orElseThrow(
        () -> new FaultException(400, "InvalidPaginationToken", "The specified pagination token is not valid"));
    List<FakeEc2Rule> matching = candidates(form).stream().filter(selected)
        .filter(r -> r.id().compareTo(after) > 0).toList();
    int pageSize = maxResults == null ? DEFAULT_PAGE_SIZE : maxResults;
    List<FakeEc2Rule> page = matching.subList(0, Math.min(pageSize, matching.size()));
    Xml xml = reply(operation).start("securityGroupRuleSet");
    page.forEach(r -> ruleItem(xml, r));
    xml.end();
    if (matching.size() > page.size()) {
      xml.leaf("nextToken", PageToken.after(page.get(page.size() - 1).id()));
    }
    return ok(xml);
  }

  /** The rules a listing may return, in id order: only the filtered groups' when it filters by group-id. */
  private Collection<FakeEc2Rule> candidates(QueryForm form) {
    for (QueryForm filter : form.list("Filter")) {
      if (filter.required("Name").equals("group-id")) {
        List<FakeEc2Rule> of = new ArrayList<>();
        new TreeSet<>(filter.values("Value")).forEach(g -> of.addAll(groupRules(g).values()));
        of.sort(Comparator.comparing(FakeEc2Rule::id));
        return of;
      }
    }
    return rules.values();
  }

  private FakeResponse updateDescriptions(String operation, QueryForm form, boolean egress) {
    Group group = targetGroup(form, true);
    List<QueryForm> byId = form.list("SecurityGroupRuleDescription");
    boolean byPermissions = !form.list("IpPermissions").isEmpty();
    if (byId.isEmpty() != byPermissions) {
      throw new FaultException(400, "InvalidParameterCombination",
          "Give either SecurityGroupRuleDescriptions or IpPermissions, not both and not neither.");
    }
    List<FakeEc2Rule> updated = new ArrayList<>();
    if (byPermissions) {
      Map<String, FakeEc2Rule> held = byMatchKey(group.id());
      for (FakeEc2Rule rule : permissions(form, group, egress)) {
        FakeEc2Rule existing = Optional.ofNullable(held.get(rule.matchKey())).orElseThrow(() -> new FaultException(
            400, "InvalidPermission.NotFound", "The specified rule does not exist in this security group: "
            + summary(rule)));
        updated.add(existing.withDescription(rule.description()));
      }
    } else {
      for (QueryForm item : byId) {
        FakeEc2Rule existing = ruleOf(group, egress, item.required("SecurityGroupRuleId"));
        updated.add(existing.withDescription(description(item.get("Description"))));
      }
    }
    dryRun(form);
    updated.forEach(this::put);
    return ok(reply(operation).leaf("return", true));
  }

  private FakeResponse modifyRules(String operation, QueryForm form) {
    Group group = group(form.required("GroupId"));
    Map<String, FakeEc2Rule> changed = new LinkedHashMap<>();
    for (QueryForm item : form.list("SecurityGroupRule")) {
      String id = item.required("SecurityGroupRuleId");
      FakeEc2Rule existing = rules.get(id);
      if (existing == null || !existing.groupId().equals(group.id())) {
        throw ruleIdNotFound(id);
      }
      FakeEc2Rule change = ruleRequest(item.child("SecurityGroupRule"), group, existing.egress());
      if (!change.remoteKind().equals(existing.remoteKind())) {
        throw new FaultException(400, "InvalidParameterCombination",
            "A rule's remote cannot change kind (" + existing.remoteKind() + " to " + change.remoteKind() + ")");
      }
      changed.put(id, change.stored(id, group.id(), existing.tags()));
    }
    if (changed.isEmpty()) {
      throw new FaultException(400, "MissingParameter", "The request must contain the parameter SecurityGroupRule");
    }
    for (boolean egress : new boolean[] {false, true}) {
      List<FakeEc2Rule> after = rulesOf(group.id(), egress).stream()
          .map(r -> changed.getOrDefault(r.id(), r)).toList();
      Set<String> keys = new HashSet<>();
      for (FakeEc2Rule rule : after) {
        if (!keys.add(rule.matchKey())) {
          throw duplicate(rule);
        }
      }
      checkQuota(after);
    }
    dryRun(form);
    changed.values().forEach(this::put);
    return ok(reply(operation).leaf("return", true));
  }

  private FakeResponse createGroup(String operation, QueryForm form) {
    String name = form.required("GroupName");
    String description = form.required("GroupDescription");
    String vpcId = form.get("VpcId") == null ? DEFAULT_VPC_ID : form.get("VpcId");
    if (findGroupByName(name, vpcId).isPresent()) {
      throw new FaultException(400, "InvalidGroup.Duplicate",
          "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
    }
    Map<String, String> tags = tags(form, "security-group");
    dryRun(form);
    String id = addGroup(nextGroupId(), name, description, vpcId, vpcId.equals(DEFAULT_VPC_ID), true);
    extras.setTags(id, tags);
    return ok(FakeEc2Groups.tagSet(reply(operation).leaf("return", true).leaf("groupId", id), tags));
  }

  private FakeResponse deleteGroup(String operation, QueryForm form) {
    Group group = targetGroup(form, true);
    for (FakeEc2Rule rule : rules.values()) {
      if (!rule.groupId().equals(group.id())
          && rule.referencedGroup().map(g -> g.groupId().equals(group.id())).orElse(false)) {
        throw new FaultException(400, "DependencyViolation",
            "resource " + group.id() + " has a dependent object");
      }
    }
    if (extras.usedByInterface(group.id())) {
      throw new FaultException(400, "DependencyViolation", "resource " + group.id() + " has a dependent object");
    }
    dryRun(form);
    groups.remove(group.id());
    extras.forget(group.id());
    List.copyOf(groupRules(group.id()).values()).forEach(this::remove);
    rulesByGroup.remove(group.id());
    return ok(reply(operation).leaf("return", true).leaf("groupId", group.id()));
  }

  private FakeResponse describeGroups(String operation, QueryForm form) {
    List<Group> selected = new ArrayList<>();
    List<String> ids = form.values("GroupId");
    List<String> names = form.values("GroupName");
    ids.forEach(id -> selected.add(group(id)));
    names.forEach(name -> selected.add(findGroupByName(name, DEFAULT_VPC_ID).orElseThrow(() -> groupNotFound(name))));
    if (ids.isEmpty() && names.isEmpty()) {
      selected.addAll(groups.values());
    }
    Integer maxResults = form.integer("MaxResults");
    if (maxResults != null && (!ids.isEmpty() || maxResults < 5 || maxResults > 1000)) {
      throw new FaultException(400, "InvalidParameterCombination",
          "MaxResults must be 5-1000 and cannot be combined with GroupIds");
    }
    List<Group> filtered = selected;
    for (QueryForm filter : form.list("Filter")) {
      filtered = filtered.stream().filter(groupFilter(filter.required("Name"), Set.copyOf(filter.values("Value"))))
          .toList();
    }
    dryRun(form);
    List<Group> page = FakeEc2Groups.page(filtered, Group::id, form.get("NextToken"),
        maxResults == null ? Integer.MAX_VALUE : maxResults);
    Xml xml = reply(operation).start("securityGroupInfo");
    for (Group g : page) {
      xml.start("item").leaf("ownerId", ownerId()).leaf("groupId", g.id()).leaf("groupName", g.name())
          .leaf("groupDescription", g.description()).leaf("vpcId", g.vpcId());
      ipPermissions(xml.start("ipPermissions"), rulesOf(g.id(), false)).end();
      ipPermissions(xml.start("ipPermissionsEgress"), rulesOf(g.id(), true)).end();
      FakeEc2Groups.tagSet(xml, extras.tags(g.id())).end();
    }
    xml.end();
    if (!page.isEmpty() && page.get(page.size() - 1) != filtered.get(filtered.size() - 1)) {
      xml.leaf("nextToken", PageToken.after(page.get(page.size() - 1).id()));
    }
    return ok(xml);
  }

  private Predicate<Group> groupFilter(String name, Set<String> values) {
    if (name.startsWith("tag:")) {
      return g -> extras.tags(g.id()).entrySet().stream()
          .anyMatch(t -> t.getKey().equals(name.substring(4)) && values.contains(t.getValue()));
    }
    return switch (name) {
      case "group-id" -> g -> values.contains(g.id());
      case "group-name" -> g -> values.contains(g.name());
      case "vpc-id" -> g -> values.contains(g.vpcId());
      case "tag-key" -> g -> extras.tags(g.id()).keySet().stream().anyMatch(values::contains);
      case "ip-permission.group-id", "egress.ip-permission.group-id" -> g -> rulesOf(g.id(), name.startsWith("egress"))
          .stream().anyMatch(r -> r.referencedGroup().filter(ref -> values.contains(ref.groupId())).isPresent());
      default -> throw invalidFilter(name);
    };
  }

  /** CreateTags / DeleteTags on groups ({@code sg-}) and rules ({@code sgr-}), all or none. */
  private FakeResponse changeTags(String operation, QueryForm form) {
    List<String> ids = form.values("ResourceId");
    if (ids.isEmpty()) {
      throw new FaultException(400, "MissingParameter", "The request must contain the parameter ResourceId");
    }
    for (String id : ids) {
      if (!groups.containsKey(id) && !rules.containsKey(id)) {
        throw id.startsWith("sgr-") ? ruleIdNotFound(id) : groupNotFound(id);
      }
    }
    dryRun(form);
    boolean create = operation.equals("CreateTags");
    for (String id : ids) {
      FakeEc2Rule rule = rules.get(id);
      Map<String, String> changed =
          FakeEc2Groups.changed(rule == null ? extras.tags(id) : rule.tags(), form.list("Tag"), create);
      if (rule == null) {
        extras.setTags(id, changed);
      } else {
        put(rule.stored(id, rule.groupId(), changed));
      }
    }
    return ok(reply(operation).leaf("return", true));
  }

  // ---- request parsing ----

  /** The group by {@code GroupId}, or by {@code GroupName} in the default VPC where the call allows it. */
  private Group targetGroup(QueryForm form, boolean nameAllowed) {
    String id = form.get("GroupId");
    if (id != null) {
      return group(id);
    }
    String name = form.get("GroupName");
    if (name != null && nameAllowed) {
      return groups.values().stream().filter(g -> g.defaultVpc() && g.name().equals(name)).findFirst()
          .orElseThrow(() -> groupNotFound(name));
    }
    throw new FaultException(400, "MissingParameter", "The request must contain the parameter GroupId");
  }

  private Group group(String id) {
    Group group = groups.get(id);
    if (group == null) {
      throw groupNotFound(id);
    }
    return group;
  }

  /** The rules the {@code IpPermissions} of a request describe: one per CIDR, prefix list and group pair. */
  private List<FakeEc2Rule> permissions(QueryForm form, Group group, boolean egress) {
    if (form.get("IpProtocol") != null || form.get("CidrIp") != null || form.get("SourceSecurityGroupName") != null) {
      throw new FaultException(400, "InvalidParameterCombination",
          "The fake supports IpPermissions only, not the top-level IpProtocol/CidrIp/SourceSecurityGroupName form");
    }
    List<FakeEc2Rule> out = new ArrayList<>();
    for (QueryForm permission : form.list("IpPermissions")) {
      String protocol = protocol(permission.get("IpProtocol"));
      int[] ports = ports(protocol, permission.integer("FromPort"), permission.integer("ToPort"));
      int before = out.size();
      for (QueryForm range : permission.list("IpRanges")) {
        out.add(rule(group, egress, protocol, ports, Optional.of(cidr(range.required("CidrIp"), false)),
            Optional.empty(), Optional.empty(), Optional.empty(), range.get("Description")));
      }
      for (QueryForm range : permission.list("Ipv6Ranges")) {
        out.add(rule(group, egress, protocol, ports, Optional.empty(),
            Optional.of(cidr(range.required("CidrIpv6"), true)), Optional.empty(), Optional.empty(),
            range.get("Description")));
      }
      for (QueryForm list : permission.list("PrefixListIds")) {
        out.add(rule(group, egress, protocol, ports, Optional.empty(), Optional.empty(),
            Optional.of(list.required("PrefixListId")), Optional.empty(), list.get("Description")));
      }
      for (QueryForm pair : permission.list("Groups")) {
        out.add(rule(group, egress, protocol, ports, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(reference(pair, group)), pair.get("Description")));
      }
      if (out.size() == before) {
        throw new FaultException(400, "InvalidParameterValue",
            "An IpPermission names no IpRanges, Ipv6Ranges, PrefixListIds or Groups");
      }
    }
    if (out.isEmpty()) {
      throw new FaultException(400, "MissingParameter", "The request must contain the parameter IpPermissions");
    }
    return out;
  }

  /** A {@code SecurityGroupRuleRequest} of ModifySecurityGroupRules, which names exactly one remote. */
  private FakeEc2Rule ruleRequest(QueryForm request, Group group, boolean egress) {
    String protocol = protocol(request.get("IpProtocol"));
    int[] ports = ports(protocol, request.integer("FromPort"), request.integer("ToPort"));
    Optional<String> v4 = Optional.ofNullable(request.get("CidrIpv4")).map(c -> cidr(c, false));
    Optional<String> v6 = Optional.ofNullable(request.get("CidrIpv6")).map(c -> cidr(c, true));
    Optional<String> prefixList = Optional.ofNullable(request.get("PrefixListId"));
    Optional<FakeEc2GroupReference> referenced = Optional.ofNullable(request.get("ReferencedGroupId"))
        .map(id -> new FakeEc2GroupReference(id, ownerId(), Optional.empty(), Optional.empty()));
    long remotes = Stream.of(v4, v6, prefixList, referenced).filter(Optional::isPresent).count();
    if (remotes != 1) {
      throw new FaultException(400, "InvalidParameterCombination",
          "A security group rule needs exactly one of CidrIpv4, CidrIpv6, PrefixListId and ReferencedGroupId");
    }
    return rule(group, egress, protocol, ports, v4, v6, prefixList, referenced, request.get("Description"));
  }

  private FakeEc2Rule rule(Group group, boolean egress, String protocol, int[] ports, Optional<String> v4,
      Optional<String> v6, Optional<String> prefixList, Optional<FakeEc2GroupReference> referenced,
      String description) {
    return new FakeEc2Rule("", group.id(), egress, protocol, ports[0], ports[1], v4, v6, prefixList, referenced,
        description(description), Map.of());
  }

  /**
   * A group pair. Groups the fake does not know are accepted by id, as references to other accounts' groups
   * are; a group name is resolved in the target group's VPC.
   */
  private FakeEc2GroupReference reference(QueryForm pair, Group target) {
    String id = pair.get("GroupId");
    if (id == null) {
      String name = pair.required("GroupName");
      id = findGroupByName(name, target.vpcId()).orElseThrow(() -> groupNotFound(name)).id();
    }
    String userId = pair.get("UserId") == null ? ownerId() : pair.get("UserId");
    return new FakeEc2GroupReference(id, userId, Optional.ofNullable(pair.get("VpcId")),
        Optional.ofNullable(pair.get("VpcPeeringConnectionId")));
  }

  /** EC2's protocol names for 6, 17, 1 and 58; -1 for all; other numbers 0-255 as they are. */
  private static String protocol(String raw) {
    if (raw == null) {
      throw new FaultException(400, "MissingParameter", "The request must contain the parameter IpProtocol");
    }
    String p = raw.trim().toLowerCase(Locale.ROOT);
    switch (p) {
      case "tcp", "6":
        return "tcp";
      case "udp", "17":
        return "udp";
      case "icmp", "1":
        return "icmp";
      case "icmpv6", "58":
        return "icmpv6";
      case "-1", "all":
        return "-1";
      default:
        if (p.matches("\\d{1,3}") && Integer.parseInt(p) <= 255) {
          return String.valueOf(Integer.parseInt(p));
        }
        throw new FaultException(400, "InvalidParameterValue",
            "Invalid value '" + raw + "' for IP protocol. Unknown protocol.");
    }
  }

  /**
   * The stored port range. Protocol -1 and numbers other than tcp/udp/icmp/icmpv6 allow all ports whatever
   * was sent, which EC2 stores as -1/-1.
   */
  private static int[] ports(String protocol, Integer from, Integer to) {
    switch (protocol) {
      case "tcp", "udp":
        if (from == null || to == null || from < 0 || to > 65535 || from > to) {
          throw new FaultException(400, "InvalidParameterValue",
              "Invalid value for portRange. Must specify both from and to ports with TCP/UDP, 0-65535, from <= to"
                  + " (got " + from + "-" + to + ")");
        }
        return new int[] {from, to};
      case "icmp", "icmpv6":
        if (from == null && to == null && protocol.equals("icmpv6")) {
          return new int[] {-1, -1};
        }
        if (from == null || to == null || from < -1 || from > 255 || to < -1 || to > 255 || (from == -1 && to != -1)) {
          throw new FaultException(400, "InvalidParameterValue",
              "Invalid ICMP type/code " + from + "/" + to + ": both -1..255, and a type of -1 needs a code of -1");
        }
        return new int[] {from, to};
      default:
        return new int[] {-1, -1};
    }
  }

  /**
   * The canonical block, as EC2 stores it: host bits are cleared rather than rejected. The address itself is
   * checked as strictly as the core model checks it.
   */
  private static String cidr(String text, boolean ipv6) {
    int slash = text.indexOf('/');
    try {
      if (slash > 0) {
        CidrBlock address = CidrBlock.parse(text.substring(0, slash));
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if ((address.ipVersion() == IpVersion.IPV6) == ipv6 && prefix >= 0 && prefix <= (ipv6 ? 128 : 32)) {
          return CidrBlock.of(address.toIpAddress().toPrefixBlock(prefix)).cidr();
        }
      }
    } catch (InvalidRuleException | NumberFormatException e) {
      // reported below, as EC2 reports it
    }
    throw new FaultException(400, "InvalidParameterValue",
        "CIDR block " + text + " is malformed" + (ipv6 ? " (expected IPv6)" : " (expected IPv4)"));
  }

  private static Optional<String> description(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    if (!DESCRIPTION.matcher(text).matches()) {
      throw new FaultException(400, "InvalidParameterValue",
          "Invalid rule description. Valid descriptions are strings less than 256 characters from the following"
              + " set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*");
    }
    return Optional.of(text);
  }

  /** The tags of the request's tag specifications, which must be for {@code resourceType}. */
  private static Map<String, String> tags(QueryForm form, String resourceType) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (QueryForm spec : form.list("TagSpecification")) {
      if (!resourceType.equals(spec.get("ResourceType"))) {
        throw new FaultException(400, "InvalidParameterValue",
            "'" + spec.get("ResourceType") + "' is not a valid taggable resource type for this operation.");
      }
      for (QueryForm tag : spec.list("Tag")) {
        tags.put(tag.required("Key"), tag.get("Value") == null ? "" : tag.get("Value"));
      }
    }
    return tags;
  }

  private static void dryRun(QueryForm form) {
    if (form.flag("DryRun")) {
      throw new FaultException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
  }

  private Predicate<FakeEc2Rule> filter(String name, Set<String> values) {
    if (name.startsWith("tag:")) {
      String key = name.substring(4);
      return r -> r.tags().containsKey(key) && values.contains(r.tags().get(key));
    }
    return switch (name) {
      case "group-id" -> r -> values.contains(r.groupId());
      case "security-group-rule-id" -> r -> values.contains(r.id());
      case "tag-key" -> r -> r.tags().keySet().stream().anyMatch(values::contains);
      default -> throw invalidFilter(name);
    };
  }

  // ---- state ----

  private FakeEc2Rule store(FakeEc2Rule rule, Map<String, String> tags) {
    FakeEc2Rule stored = rule.stored(String.format("sgr-%017x", ++counter), rule.groupId(), tags);
    put(stored);
    return stored;
  }

  /** Adds or replaces a rule (a replacement keeps its group and id). */
  private void put(FakeEc2Rule rule) {
    rules.put(rule.id(), rule);
    rulesByGroup.computeIfAbsent(rule.groupId(), g -> new LinkedHashMap<>()).put(rule.id(), rule);
  }

  private void remove(FakeEc2Rule rule) {
    rules.remove(rule.id());
    groupRules(rule.groupId()).remove(rule.id());
  }

  private Map<String, FakeEc2Rule> groupRules(String groupId) {
    return rulesByGroup.getOrDefault(groupId, new LinkedHashMap<>());
  }

  /** The rules of one group by match key (the oldest of equal keys): one pass per request, not one per rule. */
  private Map<String, FakeEc2Rule> byMatchKey(String groupId) {
    Map<String, FakeEc2Rule> index = new HashMap<>();
    for (FakeEc2Rule rule : groupRules(groupId).values()) {
      index.putIfAbsent(rule.matchKey(), rule);
    }
    return index;
  }

  private List<FakeEc2Rule> rulesOf(String groupId, boolean egress) {
    return groupRules(groupId).values().stream().filter(r -> r.egress() == egress).toList();
  }

  /** A rule of this group and direction by id. */
  private FakeEc2Rule ruleOf(Group group, boolean egress, String id) {
    FakeEc2Rule rule = rules.get(id);
    if (rule == null || !rule.groupId().equals(group.id()) || rule.egress() != egress) {
      throw ruleIdNotFound(id);
    }
    return rule;
  }

  private Optional<Group> findGroupByName(String name, String vpcId) {
    return groups.values().stream().filter(g -> g.name().equals(name) && g.vpcId().equals(vpcId)).findFirst();
  }

  /** A rule counts as one, or as its prefix list's maximum entries. */
  private int quotaWeight(FakeEc2Rule rule) {
    return rule.prefixListId().map(prefixLists::weight).orElse(1);
  }

  /** The rules of one group and direction must fit the quota in each IP family. */
  private void checkQuota(List<FakeEc2Rule> groupRules) {
    long ipv4 = groupRules.stream().filter(FakeEc2Rule::countsForIpv4).mapToLong(this::quotaWeight).sum();
    long ipv6 = groupRules.stream().filter(FakeEc2Rule::countsForIpv6).mapToLong(this::quotaWeight).sum();
    if (ipv4 > rulesPerGroup || ipv6 > rulesPerGroup) {
      throw new FaultException(400, "RulesPerSecurityGroupLimitExceeded",
          "The maximum number of rules per security group has been reached.");
    }
  }

  // ---- replies ----

  private static Xml reply(String operation) {
    return Xml.root(operation + "Response", NAMESPACE).leaf("requestId", newRequestId());
  }

  private static FakeResponse ok(Xml xml) {
    return FakeResponse.xml(200, xml.document());
  }

  private void ruleItem(Xml xml, FakeEc2Rule r) {
    xml.start("item").leaf("securityGroupRuleId", r.id()).leaf("groupId", r.groupId())
        .leaf("groupOwnerId", ownerId()).leaf("isEgress", r.egress()).leaf("ipProtocol", r.ipProtocol())
        .leaf("fromPort", r.fromPort()).leaf("toPort", r.toPort()).leaf("cidrIpv4", r.cidrIpv4())
        .leaf("cidrIpv6", r.cidrIpv6()).leaf("prefixListId", r.prefixListId());
    r.referencedGroup().ifPresent(g -> xml.start("referencedGroupInfo").leaf("groupId", g.groupId())
        .leaf("userId", g.userId()).leaf("vpcId", g.vpcId()).leaf("vpcPeeringConnectionId", g.vpcPeeringConnectionId())
        .end());
    xml.leaf("description", r.description()).leaf("securityGroupRuleArn",
        "arn:aws:ec2:us-east-1:" + ownerId() + ":security-group-rule/" + r.id());
    xml.start("tagSet");
    r.tags().forEach((k, v) -> xml.start("item").leaf("key", k).leaf("value", v).end());
    xml.end().end();
  }

  /** Rules as EC2's {@code IpPermission} items: one per protocol and port range, remotes grouped in it. */
  private static Xml ipPermissions(Xml xml, List<FakeEc2Rule> list) {
    Map<String, List<FakeEc2Rule>> byPorts = new LinkedHashMap<>();
    list.forEach(r -> byPorts.computeIfAbsent(r.ipProtocol() + '|' + r.fromPort() + '|' + r.toPort(),
        k -> new ArrayList<>()).add(r));
    for (List<FakeEc2Rule> same : byPorts.values()) {
      FakeEc2Rule first = same.get(0);
      xml.start("item").leaf("ipProtocol", first.ipProtocol());
      if (!first.ipProtocol().equals("-1")) {
        xml.leaf("fromPort", first.fromPort()).leaf("toPort", first.toPort());
      }
      xml.start("groups");
      same.forEach(r -> r.referencedGroup().ifPresent(g -> xml.start("item").leaf("groupId", g.groupId())
          .leaf("userId", g.userId()).leaf("vpcId", g.vpcId())
          .leaf("vpcPeeringConnectionId", g.vpcPeeringConnectionId()).leaf("description", r.description()).end()));
      xml.end().start("ipRanges");
      same.forEach(r -> r.cidrIpv4().ifPresent(c -> xml.start("item").leaf("cidrIp", c)
          .leaf("description", r.description()).end()));
      xml.end().start("ipv6Ranges");
      same.forEach(r -> r.cidrIpv6().ifPresent(c -> xml.start("item").leaf("cidrIpv6", c)
          .leaf("description", r.description()).end()));
      xml.end().start("prefixListIds");
      same.forEach(r -> r.prefixListId().ifPresent(p -> xml.start("item").leaf("prefixListId", p)
          .leaf("description", r.description()).end()));
      xml.end().end();
    }
    return xml;
  }

  /** The rule as EC2 words it in error messages. */
  private static String summary(FakeEc2Rule r) {
    String protocol = r.ipProtocol().equals("-1") ? "ALL" : r.ipProtocol().toUpperCase(Locale.ROOT);
    return "peer: " + r.remote() + ", " + protocol + ", from port: " + r.fromPort() + ", to port: " + r.toPort()
        + ", ALLOW";
  }

  private static FaultException groupNotFound(String idOrName) {
    return new FaultException(400, "InvalidGroup.NotFound",
        "The security group '" + idOrName + "' does not exist");
  }

  private static FaultException duplicate(FakeEc2Rule rule) {
    return new FaultException(400, "InvalidPermission.Duplicate",
        "the specified rule \"" + summary(rule) + "\" already exists");
  }

  private static FaultException ruleIdNotFound(String id) {
    return new FaultException(400, "InvalidSecurityGroupRuleId.NotFound",
        "The security group rule ID '" + id + "' does not exist");
  }

  private static FaultException invalidFilter(String name) {
    return new FaultException(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
  }
}
