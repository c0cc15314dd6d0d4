package io.portcullis.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stateful in-memory fake of the Huawei Cloud VPC v3 security-group-rule API subset, served on 127.0.0.1
 * so that the real {@code com.huaweicloud.sdk.vpc.v3.VpcClient} talks to it:
 *
 * <pre>{@code
 * try (FakeHuaweiVpc vpc = new FakeHuaweiVpc()) {
 *   String group = vpc.createSecurityGroup("web");
 *   VpcClient client = VpcClient.newBuilder()
 *       .withCredential(new BasicCredentials().withAk("ak").withSk("sk").withProjectId(vpc.projectId()))
 *       .withEndpoints(List.of(vpc.endpoint().toString()))
 *       .build();
 *   // ... drive the client, then inspect vpc.rules(group), vpc.calls(), vpc.mutatingCallCount()
 * }
 * }</pre>
 *
 * <p>It serves, under {@code /v3/{project_id}/vpc/}: create, batch create, list, show and delete of
 * security-group rules; create (with tags), list, show and delete of security groups; create, list, show and
 * delete of IP address groups. Beside v3 it serves the two calls v3 lacks for groups: the v2 {@code
 * /v2.0/{project_id}/security-groups/{id}/tags/action} (tag create and delete) and the v1 {@code
 * /v1/{project_id}/ports/{id}} (a port's security groups; ports are added with {@link #createPort}). Requests are validated the way the real API does (fields, multiport, remotes, priority,
 * description) and fail with the real error body ({@code {"error_code", "error_msg", "request_id"}}, an
 * {@code X-Request-Id} header). Fields outside that subset are rejected with {@code VPC.0601} rather than
 * ignored. Only the project {@link #projectId()} exists: another project id in the path fails with {@code
 * VPC.0007}, as a mismatch between the URL and the credentials does. Credentials and signatures are neither
 * checked nor kept.
 *
 * <p>Operation names for {@link #failNext} and {@link RecordedCall#operation()} are the constants below (the
 * SDK's method names, capitalised). Creates and deletes are mutating, dry runs included; reads are not.
 */
public final class FakeHuaweiVpc extends FakeService {
  /** The project id of a fake made with {@link #FakeHuaweiVpc()} (the one in the API documentation example). */
  public static final String DEFAULT_PROJECT_ID = "060576782980d5762f9ec014dd2f1148";
  /** Rules per security group unless {@link #setRuleQuota} says otherwise (the default quota of the API). */
  public static final int DEFAULT_RULE_QUOTA = 50;
  /** The most rules one batch create takes. */
  public static final int MAX_BATCH_RULES = 200;
  /** The largest page a list call returns, and the page size when no limit is given. */
  public static final int MAX_LIST_LIMIT = 2000;

  /** {@code POST security-group-rules}. */
  public static final String CREATE_RULE = "CreateSecurityGroupRule";
  /** {@code POST security-groups/{id}/security-group-rules/batch-create}. */
  public static final String BATCH_CREATE_RULES = "BatchCreateSecurityGroupRules";
  /** {@code GET security-group-rules}. */
  public static final String LIST_RULES = "ListSecurityGroupRules";
  /** {@code GET security-group-rules/{id}}. */
  public static final String SHOW_RULE = "ShowSecurityGroupRule";
  /** {@code DELETE security-group-rules/{id}}. */
  public static final String DELETE_RULE = "DeleteSecurityGroupRule";
  /** {@code POST security-groups}. */
  public static final String CREATE_GROUP = "CreateSecurityGroup";
  /** {@code GET security-groups}. */
  public static final String LIST_GROUPS = "ListSecurityGroups";
  /** {@code POST /v2.0/{project_id}/security-groups/{id}/tags/action} with {@code "action": "create"}. */
  public static final String CREATE_GROUP_TAGS = "BatchCreateSecurityGroupTags";
  /** {@code POST /v2.0/{project_id}/security-groups/{id}/tags/action} with {@code "action": "delete"}. */
  public static final String DELETE_GROUP_TAGS = "BatchDeleteSecurityGroupTags";
  /** {@code GET /v1/{project_id}/ports/{id}}. */
  public static final String SHOW_PORT = "ShowPort";
  /** {@code GET security-groups/{id}}. */
  public static final String SHOW_GROUP = "ShowSecurityGroup";
  /** {@code DELETE security-groups/{id}}. */
  public static final String DELETE_GROUP = "DeleteSecurityGroup";
  /** {@code POST address-groups}. */
  public static final String CREATE_ADDRESS_GROUP = "CreateAddressGroup";
  /** {@code GET address-groups}. */
  public static final String LIST_ADDRESS_GROUPS = "ListAddressGroup";
  /** {@code GET address-groups/{id}}. */
  public static final String SHOW_ADDRESS_GROUP = "ShowAddressGroup";
  /** {@code DELETE address-groups/{id}}. */
  public static final String DELETE_ADDRESS_GROUP = "DeleteAddressGroup";
  /** Any path or method the fake does not serve (answered like the API gateway: 404 {@code APIGW.0101}). */
  public static final String UNKNOWN = "Unknown";

  /** Method and path below {@code /vpc/}, with the resource id as {@code *}. */
  private static final Map<String, String> OPERATIONS = Map.ofEntries(
      Map.entry("POST security-group-rules", CREATE_RULE),
      Map.entry("POST security-groups/*/security-group-rules/batch-create", BATCH_CREATE_RULES),
      Map.entry("GET security-group-rules", LIST_RULES),
      Map.entry("GET security-group-rules/*", SHOW_RULE),
      Map.entry("DELETE security-group-rules/*", DELETE_RULE),
      Map.entry("POST security-groups", CREATE_GROUP),
      Map.entry("GET security-groups", LIST_GROUPS),
      Map.entry("GET security-groups/*", SHOW_GROUP),
      Map.entry("DELETE security-groups/*", DELETE_GROUP),
      Map.entry("POST address-groups", CREATE_ADDRESS_GROUP),
      Map.entry("GET address-groups", LIST_ADDRESS_GROUPS),
      Map.entry("GET address-groups/*", SHOW_ADDRESS_GROUP),
      Map.entry("DELETE address-groups/*", DELETE_ADDRESS_GROUP));

  /** List filters of {@code ListSecurityGroupRules}: each may be repeated, a rule matches any value. */
  private static final Map<String, Function<FakeHuaweiVpcRule, Optional<String>>> RULE_FILTERS = Map.ofEntries(
      Map.entry("id", r -> Optional.of(r.id())),
      Map.entry("security_group_id", r -> Optional.of(r.securityGroupId())),
      Map.entry("protocol", FakeHuaweiVpcRule::protocol),
      Map.entry("description", r -> Optional.of(r.description())),
      Map.entry("remote_group_id", FakeHuaweiVpcRule::remoteGroupId),
      Map.entry("direction", r -> Optional.of(r.direction())),
      Map.entry("action", r -> Optional.of(r.action())),
      Map.entry("ethertype", r -> Optional.of(r.ethertype())),
      Map.entry("remote_ip_prefix", FakeHuaweiVpcRule::remoteIpPrefix),
      Map.entry("remote_address_group_id", FakeHuaweiVpcRule::remoteAddressGroupId),
      Map.entry("priority", r -> Optional.of(Integer.toString(r.priority()))));

  /** List filters of {@code ListAddressGroup}. */
  private static final Map<String, Function<FakeHuaweiVpcAddressGroup, Optional<String>>> ADDRESS_GROUP_FILTERS =
      Map.of("id", g -> Optional.of(g.id()),
          "name", g -> Optional.of(g.name()),
          "description", g -> Optional.of(g.description()),
          "ip_version", g -> Optional.of(Integer.toString(g.ipVersion())));

  /** List filters of {@code ListSecurityGroups}. */
  private static final Map<String, Function<Group, Optional<String>>> GROUP_FILTERS = Map.of(
      "id", g -> Optional.of(g.id()),
      "name", g -> Optional.of(g.name()),
      "description", g -> Optional.of(g.description()));

  private final String projectId;
  private final FakeHuaweiVpcGroups extras = new FakeHuaweiVpcGroups();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, FakeHuaweiVpcRule> rules = new LinkedHashMap<>();
  private final Map<String, FakeHuaweiVpcAddressGroup> addressGroups = new LinkedHashMap<>();
  private int ruleQuota = DEFAULT_RULE_QUOTA;

  /** A security group: its rules are kept with the other rules. */
  private record Group(String id, String name, String description, Instant createdAt) {}

  /** Where a request goes: the project id and resource id of its path, and the operation. */
  private record Route(String projectId, String operation, String resourceId) {}

  /** Starts a fake for the project {@link #DEFAULT_PROJECT_ID}. */
  public FakeHuaweiVpc() {
    this(DEFAULT_PROJECT_ID);
  }

  /** Starts a fake for the given project id: give the SDK credentials the same one. */
  public FakeHuaweiVpc(String projectId) {
    this.projectId = Objects.requireNonNull(projectId, "projectId");
  }

  /** The only project this fake serves: set it in the SDK's {@code BasicCredentials}. */
  public String projectId() {
    return projectId;
  }

  /** Sets how many rules one security group may hold (default {@value #DEFAULT_RULE_QUOTA}). */
  public synchronized void setRuleQuota(int rulesPerGroup) {
    if (rulesPerGroup < 0) {
      throw new IllegalArgumentException("a quota cannot be negative: " + rulesPerGroup);
    }
    ruleQuota = rulesPerGroup;
  }

  /**
   * Creates a security group the way the API does, with its four priority-100 default allow rules (egress
   * to all IPv4 and IPv6, ingress from the group itself over IPv4 and IPv6), and returns its id.
   */
  public String createSecurityGroup(String name) {
    return createSecurityGroup(name, true);
  }

  /** Creates a security group, with or without the default rules, and returns its id. */
  public synchronized String createSecurityGroup(String name, boolean withDefaultRules) {
    return newGroup(newId(), Objects.requireNonNull(name, "name"), "", withDefaultRules).id();
  }

  /**
   * Creates a security group with a chosen id (e.g. the one a rule file names), with the default rules.
   *
   * @throws IllegalArgumentException if a group with that id exists
   */
  public synchronized String createSecurityGroupWithId(String id, String name) {
    if (groups.containsKey(Objects.requireNonNull(id, "id"))) {
      throw new IllegalArgumentException("security group " + id + " exists already");
    }
    return newGroup(id, Objects.requireNonNull(name, "name"), "", true).id();
  }

  /**
   * Adds a port that uses these security groups (without a call); a group a port uses cannot be deleted.
   *
   * @return the port's id
   * @throws IllegalArgumentException if a group does not exist
   */
  public synchronized String createPort(String... groupIds) {
    for (String id : groupIds) {
      if (!groups.containsKey(id)) {
        throw new IllegalArgumentException("no security group " + id);
      }
    }
    return extras.addPort(newId(), List.of(groupIds));
  }

  /** The tags of a security group. */
  public synchronized Map<String, String> groupTags(String groupId) {
    return extras.tags(groupId);
  }

  /** Whether a security group exists. */
  public synchronized boolean hasSecurityGroup(String groupId) {
    return groups.containsKey(groupId);
  }

  /**
   * The rules of a security group, oldest first.
   *
   * @throws IllegalArgumentException if the group does not exist
   */
  public synchronized List<FakeHuaweiVpcRule> rules(String groupId) {
    if (!groups.containsKey(groupId)) {
      throw new IllegalArgumentException("no security group " + groupId);
    }
    return rules.values().stream().filter(r -> r.securityGroupId().equals(groupId)).toList();
  }

  /** A rule by id. */
  public synchronized Optional<FakeHuaweiVpcRule> rule(String ruleId) {
    return Optional.ofNullable(rules.get(ruleId));
  }

  /**
   * Adds a rule without a call (nothing is recorded), e.g. one made "by someone else" before a test. The
   * rule is given in the JSON fields of the API's rule option and checked like a create call:
   * {@code addRule(group, "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"22\"}")}.
   *
   * @throws IllegalArgumentException with the API's error code and message if the API would refuse it
   */
  public synchronized FakeHuaweiVpcRule addRule(String groupId, String ruleJson) {
    try {
      ObjectNode option = FakeHuaweiVpcJson.body(ruleJson);
      FakeHuaweiVpcJson.onlyKnownFields(option, FakeHuaweiVpcRule.OPTION_FIELDS);
      return store(List.of(newRule(option, groupId)), false).get(0);
    } catch (FakeHuaweiVpcError e) {
      throw new IllegalArgumentException(e.code() + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a rule without a call (nothing is recorded); false if there was none. */
  public synchronized boolean removeRule(String ruleId) {
    return rules.remove(ruleId) != null;
  }

  /**
   * Creates an IP address group without a call and returns its id.
   *
   * @param ipVersion 4 or 6
   * @param ipSet IP addresses, CIDR blocks or {@code a-b} ranges of that version
   * @throws IllegalArgumentException with the API's error code and message if the API would refuse it
   */
  public synchronized String createAddressGroup(String name, int ipVersion, List<String> ipSet) {
    ObjectNode option = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    option.put("name", name).put("ip_version", ipVersion);
    ipSet.forEach(option.putArray("ip_set")::add);
    try {
      FakeHuaweiVpcAddressGroup group = FakeHuaweiVpcAddressGroup.fromOption(option, newId(), now());
      addressGroups.put(group.id(), group);
      return group.id();
    } catch (FakeHuaweiVpcError e) {
      throw new IllegalArgumentException(e.code() + ": " + e.getMessage(), e);
    }
  }

  /** An IP address group by id. */
  public synchronized Optional<FakeHuaweiVpcAddressGroup> addressGroup(String addressGroupId) {
    return Optional.ofNullable(addressGroups.get(addressGroupId));
  }

  @Override
  protected String operationOf(FakeRequest request) {
    return route(request).operation();
  }

  @Override
  protected boolean isMutating(String operation) {
    return operation.startsWith("Create") || operation.startsWith("BatchCreate") || operation.startsWith("Delete")
        || operation.startsWith("BatchDelete");
  }

  @Override
  protected FakeResponse handle(String operation, FakeRequest request) {
    String requestId = newRequestId();
    try {
      Route route = route(request);
      if (operation.equals(UNKNOWN)) {
        throw new FakeHuaweiVpcError(404, FakeHuaweiVpcError.NO_SUCH_API,
            "The API does not exist or has not been published in the environment");
      }
      if (!route.projectId().equals(projectId)) {
        throw new FakeHuaweiVpcError(400, FakeHuaweiVpcError.WRONG_PROJECT, "urlTenantId is not equal tokenTenantId");
      }
      String id = route.resourceId();
      return switch (operation) {
        case CREATE_RULE -> createRule(request, requestId);
        case BATCH_CREATE_RULES -> batchCreateRules(id, request, requestId);
        case LIST_RULES -> reply(200, page(request, "security_group_rules", rules.values(), RULE_FILTERS,
            FakeHuaweiVpcRule::id, r -> r.toJson(projectId)), requestId);
        case SHOW_RULE -> reply(200, single("security_group_rule", existingRule(id).toJson(projectId)), requestId);
        case DELETE_RULE -> {
          rules.remove(existingRule(id).id());
          yield noContent(requestId);
        }
        case CREATE_GROUP -> createGroup(request, requestId);
        case SHOW_GROUP -> reply(200, single("security_group", groupJson(existingGroup(id))), requestId);
        case LIST_GROUPS -> reply(200, page(request, "security_groups", groups.values(), GROUP_FILTERS, Group::id,
            g -> groupJson(g).without("security_group_rules")), requestId);
        case CREATE_GROUP_TAGS, DELETE_GROUP_TAGS -> {
          extras.tagsAction(existingGroup(id).id(), FakeHuaweiVpcJson.body(request.body()));
          yield noContent(requestId);
        }
        case SHOW_PORT -> reply(200, extras.showPort(id, projectId), requestId);
        case DELETE_GROUP -> deleteGroup(existingGroup(id), requestId);
        case CREATE_ADDRESS_GROUP -> createAddressGroup(request, requestId);
        case LIST_ADDRESS_GROUPS -> reply(200, page(request, "address_groups", addressGroups.values(),
            ADDRESS_GROUP_FILTERS, FakeHuaweiVpcAddressGroup::id, g -> g.toJson(projectId)), requestId);
        case SHOW_ADDRESS_GROUP ->
            reply(200, single("address_group", existingAddressGroup(id).toJson(projectId)), requestId);
        case DELETE_ADDRESS_GROUP -> deleteAddressGroup(existingAddressGroup(id), requestId);
        default -> throw new IllegalStateException("unrouted operation " + operation);
      };
    } catch (FakeHuaweiVpcError e) {
      return error(e.status(), e.code(), e.getMessage(), requestId);
    }
  }

  @Override
  protected FakeResponse errorReply(Fault fault, String requestId) {
    return error(fault.httpStatus(), fault.errorCode().orElseThrow(), fault.message(), requestId);
  }

  @Override
  Fault standardError(Fault.Kind kind) {
    return FakeHuaweiVpcFaults.standardError(kind);
  }

  @Override
  Paging paging() {
    return FakeHuaweiVpcPaging.INSTANCE;
  }

  private static Route route(FakeRequest request) {
    // "", "v3", project id, "vpc", resource, [id, sub-resources...]
    String[] parts = request.path().split("/");
    if (parts.length == 7 && parts[1].equals("v2.0") && parts[3].equals("security-groups")
        && parts[5].equals("tags") && parts[6].equals("action") && request.method().equals("POST")) {
      return new Route(parts[2], request.body().contains("\"delete\"") ? DELETE_GROUP_TAGS : CREATE_GROUP_TAGS,
          parts[4]);
    }
    if (parts.length == 5 && parts[1].equals("v1") && parts[3].equals("ports") && request.method().equals("GET")) {
      return new Route(parts[2], SHOW_PORT, parts[4]);
    }
    if (parts.length < 5 || !parts[0].isEmpty() || !parts[1].equals("v3") || !parts[3].equals("vpc")) {
      return new Route("", UNKNOWN, null);
    }
    String[] rest = Arrays.copyOfRange(parts, 4, parts.length);
    StringBuilder pattern = new StringBuilder(rest[0]);
    for (int i = 1; i < rest.length; i++) {
      pattern.append('/').append(i == 1 ? "*" : rest[i]);
    }
    String operation = OPERATIONS.getOrDefault(request.method() + " " + pattern, UNKNOWN);
    return new Route(parts[2], operation, rest.length > 1 ? rest[1] : null);
  }

  private FakeResponse createRule(FakeRequest request, String requestId) {
    ObjectNode body = FakeHuaweiVpcJson.body(request.body());
    FakeHuaweiVpcJson.onlyKnownFields(body, Set.of("dry_run", "security_group_rule"));
    boolean dryRun = FakeHuaweiVpcJson.flag(body, "dry_run");
    ObjectNode option = FakeHuaweiVpcJson.object(body, "security_group_rule");
    FakeHuaweiVpcJson.onlyKnownFields(option, FakeHuaweiVpcRule.CREATE_OPTION_FIELDS);
    FakeHuaweiVpcRule rule = newRule(option, FakeHuaweiVpcJson.requiredText(option, "security_group_id"));
    if (dryRun) {
      return reply(202, FakeHuaweiVpcJson.MAPPER.createObjectNode(), requestId);
    }
    store(List.of(rule), false);
    return reply(201, single("security_group_rule", rule.toJson(projectId)), requestId);
  }

  private FakeResponse batchCreateRules(String groupId, FakeRequest request, String requestId) {
    existingGroup(groupId);
    ObjectNode body = FakeHuaweiVpcJson.body(request.body());
    FakeHuaweiVpcJson.onlyKnownFields(body, Set.of("security_group_rules", "ignore_duplicate", "dry_run"));
    JsonNode options = body.get("security_group_rules");
    if (options == null || !options.isArray() || options.isEmpty() || options.size() > MAX_BATCH_RULES) {
      throw FakeHuaweiVpcError.invalid("Invalid security_group_rules: 1-" + MAX_BATCH_RULES + " rules are required.");
    }
    List<FakeHuaweiVpcRule> candidates = new ArrayList<>();
    for (JsonNode option : options) {
      if (!option.isObject()) {
        throw FakeHuaweiVpcError.invalid("Invalid security_group_rules: each rule must be an object.");
      }
      FakeHuaweiVpcJson.onlyKnownFields(option, FakeHuaweiVpcRule.OPTION_FIELDS);
      candidates.add(newRule(option, groupId));
    }
    boolean ignoreDuplicate = FakeHuaweiVpcJson.flag(body, "ignore_duplicate");
    if (FakeHuaweiVpcJson.flag(body, "dry_run")) {
      return reply(202, FakeHuaweiVpcJson.MAPPER.createObjectNode(), requestId);
    }
    ObjectNode reply = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    ArrayNode created = reply.putArray("security_group_rules");
    store(candidates, ignoreDuplicate).forEach(r -> created.add(r.toJson(projectId)));
    return reply(201, reply, requestId);
  }

  /** Validates a rule option and the groups it names. */
  private FakeHuaweiVpcRule newRule(JsonNode option, String groupId) {
    FakeHuaweiVpcRule rule = FakeHuaweiVpcRule.fromOption(option, groupId, newId(), now());
    existingGroup(groupId);
    rule.remoteGroupId().ifPresent(this::existingGroup);
    if (rule.remoteAddressGroupId().isPresent()) {
      FakeHuaweiVpcAddressGroup remote = existingAddressGroup(rule.remoteAddressGroupId().get());
      if (!rule.ethertype().equals("IPv" + remote.ipVersion())) {
        throw FakeHuaweiVpcError.invalid("Invalid remote_address_group_id " + remote.id() + ": its ip_version "
            + remote.ipVersion() + " does not match ethertype " + rule.ethertype() + ".");
      }
    }
    return rule;
  }

  /**
   * Stores rules of one group, all or none: a duplicate (of a stored rule or of an earlier one in the same
   * call) fails the call unless {@code ignoreDuplicate}, in which case it is skipped; then the quota is
   * checked on what is left. Returns the rules stored.
   */
  private List<FakeHuaweiVpcRule> store(List<FakeHuaweiVpcRule> candidates, boolean ignoreDuplicate) {
    List<FakeHuaweiVpcRule> accepted = new ArrayList<>();
    // The keys of the group's rules, once per call: a duplicate is always of the same group.
    String groupId = candidates.get(0).securityGroupId();
    Set<Object> keys = new HashSet<>();
    int held = 0;
    for (FakeHuaweiVpcRule rule : rules.values()) {
      if (rule.securityGroupId().equals(groupId)) {
        keys.add(rule.key());
        held++;
      }
    }
    for (FakeHuaweiVpcRule candidate : candidates) {
      if (!keys.add(candidate.key())) {
        if (ignoreDuplicate) {
          continue;
        }
        throw FakeHuaweiVpcError.duplicateRule();
      }
      accepted.add(candidate);
    }
    if (!accepted.isEmpty()) {
      if (held + accepted.size() > ruleQuota) {
        throw FakeHuaweiVpcError.ruleQuotaExceeded();
      }
    }
    accepted.forEach(r -> rules.put(r.id(), r));
    return accepted;
  }

  private FakeResponse createGroup(FakeRequest request, String requestId) {
    ObjectNode body = FakeHuaweiVpcJson.body(request.body());
    FakeHuaweiVpcJson.onlyKnownFields(body, Set.of("dry_run", "security_group"));
    ObjectNode option = FakeHuaweiVpcJson.object(body, "security_group");
    FakeHuaweiVpcJson.onlyKnownFields(option, Set.of("name", "description", "tags"));
    String name = FakeHuaweiVpcJson.name(option);
    String description = FakeHuaweiVpcJson.description(option);
    Map<String, String> tags = FakeHuaweiVpcGroups.parseTags(option.get("tags"));
    if (FakeHuaweiVpcJson.flag(body, "dry_run")) {
      return reply(202, FakeHuaweiVpcJson.MAPPER.createObjectNode(), requestId);
    }
    Group group = newGroup(newId(), name, description, true);
    extras.setTags(group.id(), tags);
    return reply(201, single("security_group", groupJson(group)), requestId);
  }

  private Group newGroup(String id, String name, String description, boolean withDefaultRules) {
    Group group = new Group(id, name, description, now());
    groups.put(group.id(), group);
    if (withDefaultRules) {
      for (String ethertype : List.of("IPv4", "IPv6")) {
        defaultRule(group, "egress", ethertype, Optional.empty());
        defaultRule(group, "ingress", ethertype, Optional.of(group.id()));
      }
    }
    return group;
  }

  private void defaultRule(Group group, String direction, String ethertype, Optional<String> remoteGroup) {
    FakeHuaweiVpcRule rule = new FakeHuaweiVpcRule(newId(), group.id(), direction, ethertype, Optional.empty(),
        Optional.empty(), Optional.empty(), remoteGroup, Optional.empty(), "allow", 100, "", group.createdAt());
    rules.put(rule.id(), rule);
  }

  private ObjectNode groupJson(Group group) {
    String time = group.createdAt().toString();
    ObjectNode json = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    json.put("id", group.id());
    json.put("name", group.name());
    json.put("description", group.description());
    json.put("project_id", projectId);
    json.put("created_at", time);
    json.put("updated_at", time);
    json.put("enterprise_project_id", "0");
    extras.putTags(json, group.id());
    ArrayNode groupRules = json.putArray("security_group_rules");
    rules.values().stream().filter(r -> r.securityGroupId().equals(group.id()))
        .forEach(r -> groupRules.add(r.toJson(projectId)));
    return json;
  }

  private FakeResponse deleteGroup(Group group, String requestId) {
    boolean referenced = rules.values().stream()
        .anyMatch(r -> !r.securityGroupId().equals(group.id()) && r.remoteGroupId().equals(Optional.of(group.id())));
    if (referenced || extras.portUsing(group.id()).isPresent()) {
      throw new FakeHuaweiVpcError(409, FakeHuaweiVpcError.CONFLICT, "Security Group " + group.id() + " in use.");
    }
    groups.remove(group.id());
    extras.forget(group.id());
    rules.values().removeIf(r -> r.securityGroupId().equals(group.id()));
    return noContent(requestId);
  }

  private FakeResponse createAddressGroup(FakeRequest request, String requestId) {
    ObjectNode body = FakeHuaweiVpcJson.body(request.body());
    FakeHuaweiVpcJson.onlyKnownFields(body, Set.of("dry_run", "address_group"));
    FakeHuaweiVpcAddressGroup group =
        FakeHuaweiVpcAddressGroup.fromOption(FakeHuaweiVpcJson.object(body, "address_group"), newId(), now());
    if (FakeHuaweiVpcJson.flag(body, "dry_run")) {
      return reply(202, FakeHuaweiVpcJson.MAPPER.createObjectNode(), requestId);
    }
    addressGroups.put(group.id(), group);
    return reply(201, single("address_group", group.toJson(projectId)), requestId);
  }

  private FakeResponse deleteAddressGroup(FakeHuaweiVpcAddressGroup group, String requestId) {
    if (rules.values().stream().anyMatch(r -> r.remoteAddressGroupId().equals(Optional.of(group.id())))) {
      throw new FakeHuaweiVpcError(409, FakeHuaweiVpcError.CONFLICT, "Address group " + group.id() + " in use.");
    }
    addressGroups.remove(group.id());
    return noContent(requestId);
  }

  /**
   * One page of a list call: the items after {@code marker} (an item id) in creation order that pass every
   * filter, at most {@code limit}, with {@code page_info}.
   */
  private static <T> ObjectNode page(FakeRequest request, String field, Iterable<T> items,
      Map<String, Function<T, Optional<String>>> filters, Function<T, String> idOf, Function<T, ObjectNode> json) {
    int limit = limit(request.queryParameter("limit"));
    String marker = request.queryParameter("marker");
    Predicate<T> matches = item -> true;
    for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
      String name = parameter.getKey();
      if (name.equals("limit") || name.equals("marker")) {
        continue;
      }
      Function<T, Optional<String>> value = filters.get(name);
      if (value == null) {
        throw FakeHuaweiVpcError.invalid("Invalid query parameter " + name + ": not supported by FakeHuaweiVpc.");
      }
      List<String> wanted = parameter.getValue();
      matches = matches.and(item -> value.apply(item).filter(wanted::contains).isPresent());
    }
    List<T> page = new ArrayList<>();
    boolean afterMarker = marker == null;
    boolean more = false;
    for (T item : items) {
      if (!afterMarker) {
        afterMarker = idOf.apply(item).equals(marker);
      } else if (matches.test(item)) {
        if (page.size() == limit) {
          more = true;
          break;
        }
        page.add(item);
      }
    }
    if (!afterMarker) {
      throw FakeHuaweiVpcError.invalid("Invalid marker " + marker + ": no such resource.");
    }
    ObjectNode reply = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    ArrayNode array = reply.putArray(field);
    page.forEach(item -> array.add(json.apply(item)));
    ObjectNode pageInfo = reply.putObject("page_info");
    if (!page.isEmpty()) {
      pageInfo.put("previous_marker", idOf.apply(page.get(0)));
    }
    pageInfo.put("current_count", page.size());
    if (more) {
      pageInfo.put("next_marker", idOf.apply(page.get(page.size() - 1)));
    }
    return reply;
  }

  private static int limit(String text) {
    if (text == null) {
      return MAX_LIST_LIMIT;
    }
    if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) > MAX_LIST_LIMIT) {
      throw FakeHuaweiVpcError.invalid("Invalid limit " + text + ": it must be 0-" + MAX_LIST_LIMIT + ".");
    }
    int limit = Integer.parseInt(text);
    return limit == 0 ? MAX_LIST_LIMIT : limit;
  }

  private FakeHuaweiVpcRule existingRule(String id) {
    FakeHuaweiVpcRule rule = rules.get(id);
    if (rule == null) {
      throw new FakeHuaweiVpcError(404, FakeHuaweiVpcError.RULE_NOT_FOUND,
          "Security group rule " + id + " could not be found.");
    }
    return rule;
  }

  private Group existingGroup(String id) {
    Group group = groups.get(id);
    if (group == null) {
      throw FakeHuaweiVpcError.groupNotFound(id);
    }
    return group;
  }

  private FakeHuaweiVpcAddressGroup existingAddressGroup(String id) {
    FakeHuaweiVpcAddressGroup group = addressGroups.get(id);
    if (group == null) {
      throw new FakeHuaweiVpcError(404, FakeHuaweiVpcError.ADDRESS_GROUP_NOT_FOUND,
          "Address group " + id + " could not be found.");
    }
    return group;
  }

  private static ObjectNode single(String field, ObjectNode value) {
    ObjectNode reply = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    reply.set(field, value);
    return reply;
  }

  private static FakeResponse reply(int status, ObjectNode body, String requestId) {
    body.put("request_id", requestId);
    return FakeResponse.json(status, FakeHuaweiVpcJson.write(body), requestId);
  }

  private static FakeResponse noContent(String requestId) {
    return FakeResponse.json(204, "", requestId);
  }

  private static FakeResponse error(int status, String code, String message, String requestId) {
    ObjectNode body = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    body.put("error_code", code).put("error_msg", message);
    return reply(status, body, requestId);
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
