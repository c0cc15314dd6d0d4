package io.portcullis.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A stateful in-memory fake of the ElastiCache cache security group API (Query protocol, version 2015-02-02),
 * served on 127.0.0.1 for the real {@code ElastiCacheClient}. It keeps cache security groups and their EC2
 * group authorisations, and seeded cache clusters for DescribeCacheClusters.
 *
 * <p>Status transitions are made visible the way ElastiCache shows them: a new authorisation is {@code
 * authorizing} (in the authorize reply and in {@link #cacheSecurityGroup}) until the next
 * DescribeCacheSecurityGroups, which shows it (and leaves it) {@code authorized}; a revoke removes the
 * authorisation at once and its reply shows it {@code revoking}, so the next describe no longer lists it.
 *
 * <p>Operations: CreateCacheSecurityGroup, DeleteCacheSecurityGroup, DescribeCacheSecurityGroups,
 * AuthorizeCacheSecurityGroupIngress, RevokeCacheSecurityGroupIngress and DescribeCacheClusters. Any other
 * action gets {@code InvalidAction}.
 */
public final class FakeElastiCache extends AwsQueryService {
  /** The account that owns the fake's groups unless another is given. */
  public static final String DEFAULT_OWNER_ID = DEFAULT_ACCOUNT;
  /** How many cache security groups the fake allows unless told otherwise. */
  public static final int DEFAULT_GROUP_QUOTA = 50;

  private static final String NAMESPACE = "http://elasticache.amazonaws.com/doc/2015-02-02/";
  private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9-]{1,255}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|\\d{4}-\\d{4}-\\d{4}");

  /** Sorted by name, which is also the pagination order. */
  private final NavigableMap<String, FakeCacheSecurityGroup> groups = new TreeMap<>();
  private final NavigableMap<String, FakeCacheCluster> clusters = new TreeMap<>();
  private int groupQuota = DEFAULT_GROUP_QUOTA;

  /** Starts a fake whose groups belong to {@link #DEFAULT_OWNER_ID}. */
  public FakeElastiCache() {
    this(DEFAULT_OWNER_ID);
  }

  /** Starts a fake whose groups belong to the account {@code ownerId}. */
  public FakeElastiCache(String ownerId) {
    super(ownerId);
  }

  /**
   * Creates a cache security group without authorisations, as CreateCacheSecurityGroup does.
   *
   * @throws IllegalArgumentException if the name is invalid or taken
   */
  public synchronized void createCacheSecurityGroup(String name, String description) {
    try {
      create(name, description);
    } catch (FaultException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A cache security group by name (any case), as stored now. */
  public synchronized Optional<FakeCacheSecurityGroup> cacheSecurityGroup(String name) {
    return Optional.ofNullable(groups.get(name.toLowerCase(Locale.ROOT)));
  }

  /** All cache security groups, by name. */
  public synchronized List<FakeCacheSecurityGroup> cacheSecurityGroups() {
    return List.copyOf(groups.values());
  }

  /**
   * Adds a cache cluster for DescribeCacheClusters. While it lists a cache security group, that group
   * cannot be deleted.
   */
  public synchronized void addCacheCluster(
      String clusterId, List<String> cacheSecurityGroupNames, List<String> vpcSecurityGroupIds) {
    clusters.put(clusterId, new FakeCacheCluster(clusterId, cacheSecurityGroupNames, vpcSecurityGroupIds));
  }

  /** Sets how many cache security groups may exist ({@code QuotaExceeded.CacheSecurityGroup} beyond it). */
  public synchronized void setGroupQuota(int quota) {
    if (quota < 0) {
      throw new IllegalArgumentException("the quota cannot be negative: " + quota);
    }
    groupQuota = quota;
  }

  /** ElastiCache's throttling error, to inject with {@link #failNext(String, Fault)}. */
  public static Fault throttling() {
    return FakeElastiCacheFaults.standardError(Fault.Kind.THROTTLED);
  }

  @Override
  Fault standardError(Fault.Kind kind) {
    return FakeElastiCacheFaults.standardError(kind);
  }

  @Override
  Paging paging() {
    return FakeElastiCacheFaults.PAGING;
  }

  @Override
  protected boolean isMutating(String operation) {
    return operation.equals("CreateCacheSecurityGroup") || operation.equals("DeleteCacheSecurityGroup")
        || operation.equals("AuthorizeCacheSecurityGroupIngress")
        || operation.equals("RevokeCacheSecurityGroupIngress");
  }

  @Override
  protected FakeResponse handle(String operation, FakeRequest request) {
    QueryForm form = QueryForm.of(request);
    return switch (operation) {
      case "CreateCacheSecurityGroup" -> groupReply(operation,
          create(form.required("CacheSecurityGroupName"), form.required("Description")));
      case "DeleteCacheSecurityGroup" -> delete(operation, form);
      case "DescribeCacheSecurityGroups" -> describeGroups(operation, form);
      case "AuthorizeCacheSecurityGroupIngress" -> authorize(operation, form);
      case "RevokeCacheSecurityGroupIngress" -> revoke(operation, form);
      case "DescribeCacheClusters" -> describeClusters(operation, form);
      default -> throw invalidAction(operation);
    };
  }

  @Override
  protected FakeResponse errorReply(Fault fault, String requestId) {
    Xml xml = Xml.root("ErrorResponse", NAMESPACE).start("Error")
        .leaf("Type", fault.httpStatus() >= 500 ? "Receiver" : "Sender")
        .leaf("Code", fault.errorCode().orElseThrow()).leaf("Message", fault.message()).end()
        .leaf("RequestId", requestId);
    return FakeResponse.xml(fault.httpStatus(), xml.document());
  }

  // ---- operations ----

  private FakeCacheSecurityGroup create(String requestedName, String description) {
    String name = requestedName.toLowerCase(Locale.ROOT);
    if (!GROUP_NAME.matcher(name).matches() || name.equals("default")) {
      throw new FaultException(400, "InvalidParameterValue",
          "Invalid cache security group name '" + requestedName + "': up to 255 letters, digits and hyphens,"
              + " and not 'default'");
    }
    if (groups.containsKey(name)) {
      throw new FaultException(400, "CacheSecurityGroupAlreadyExists",
          "Cache security group " + name + " already exists.");
    }
    if (groups.size() >= groupQuota) {
      throw new FaultException(400, "QuotaExceeded.CacheSecurityGroup",
          "The request cannot be processed because it would exceed the allowed number of cache security groups.");
    }
    FakeCacheSecurityGroup group = new FakeCacheSecurityGroup(name, description, ownerId(), List.of());
    groups.put(name, group);
    return group;
  }

  private FakeResponse delete(String operation, QueryForm form) {
    FakeCacheSecurityGroup group = group(form.required("CacheSecurityGroupName"));
    for (FakeCacheCluster cluster : clusters.values()) {
      if (cluster.cacheSecurityGroupNames().contains(group.name())) {
        throw new FaultException(400, "InvalidCacheSecurityGroupState",
            "Cache security group " + group.name() + " is still used by cache cluster " + cluster.id() + ".");
      }
    }
    groups.remove(group.name());
    return ok(Xml.root(operation + "Response", NAMESPACE));
  }

  private FakeResponse describeGroups(String operation, QueryForm form) {
    String name = form.get("CacheSecurityGroupName");
    List<FakeCacheSecurityGroup> selected = name == null ? List.copyOf(groups.values()) : List.of(group(name));
    Page<FakeCacheSecurityGroup> page = page(form, selected, FakeCacheSecurityGroup::name);
    Xml xml = result(operation).start("CacheSecurityGroups");
    for (FakeCacheSecurityGroup group : page.items()) {
      // Being described is what lets the asynchronous authorisations of a group show as done.
      FakeCacheSecurityGroup described = group.withAuthorizations(group.ec2SecurityGroups().stream()
          .map(a -> a.status().equals(FakeCacheAuthorization.AUTHORIZING)
              ? a.withStatus(FakeCacheAuthorization.AUTHORIZED) : a).toList());
      groups.put(described.name(), described);
      groupElement(xml, described);
    }
    xml.end().leaf("Marker", page.marker());
    return ok(xml);
  }

  private FakeResponse authorize(String operation, QueryForm form) {
    FakeCacheSecurityGroup group = group(form.required("CacheSecurityGroupName"));
    FakeCacheAuthorization requested = authorization(form, FakeCacheAuthorization.AUTHORIZING);
    if (group.ec2SecurityGroups().stream().anyMatch(a -> a.sameGroupAs(requested))) {
      throw new FaultException(400, "AuthorizationAlreadyExists", "EC2 security group "
          + requested.ec2SecurityGroupName() + " is already authorized for cache security group " + group.name());
    }
    List<FakeCacheAuthorization> authorizations = new ArrayList<>(group.ec2SecurityGroups());
    authorizations.add(requested);
    FakeCacheSecurityGroup updated = group.withAuthorizations(authorizations);
    groups.put(group.name(), updated);
    return groupReply(operation, updated);
  }

  private FakeResponse revoke(String operation, QueryForm form) {
    FakeCacheSecurityGroup group = group(form.required("CacheSecurityGroupName"));
    FakeCacheAuthorization requested = authorization(form, FakeCacheAuthorization.REVOKING);
    if (group.ec2SecurityGroups().stream().noneMatch(a -> a.sameGroupAs(requested))) {
      throw new FaultException(404, "AuthorizationNotFound", "EC2 security group "
          + requested.ec2SecurityGroupName() + " is not authorized for cache security group " + group.name());
    }
    groups.put(group.name(), group.withAuthorizations(group.ec2SecurityGroups().stream()
        .filter(a -> !a.sameGroupAs(requested)).toList()));
    return groupReply(operation, group.withAuthorizations(group.ec2SecurityGroups().stream()
        .map(a -> a.sameGroupAs(requested) ? requested : a).toList()));
  }

  private FakeResponse describeClusters(String operation, QueryForm form) {
    String id = form.get("CacheClusterId");
    List<FakeCacheCluster> selected;
    if (id == null) {
      selected = List.copyOf(clusters.values());
    } else if (clusters.containsKey(id)) {
      selected = List.of(clusters.get(id));
    } else {
      throw new FaultException(404, "CacheClusterNotFound", "CacheCluster not found: " + id);
    }
    Page<FakeCacheCluster> page = page(form, selected, FakeCacheCluster::id);
    Xml xml = result(operation).start("CacheClusters");
    for (FakeCacheCluster cluster : page.items()) {
      xml.start("CacheCluster").leaf("CacheClusterId", cluster.id()).leaf("CacheClusterStatus", "available")
          .start("CacheSecurityGroups");
      cluster.cacheSecurityGroupNames().forEach(n -> xml.start("CacheSecurityGroup")
          .leaf("CacheSecurityGroupName", n).leaf("Status", "active").end());
      xml.end().start("SecurityGroups");
      cluster.vpcSecurityGroupIds().forEach(g -> xml.start("member").leaf("SecurityGroupId", g)
          .leaf("Status", "active").end());
      xml.end().leaf("ARN", "arn:aws:elasticache:us-east-1:" + ownerId() + ":cluster:" + cluster.id()).end();
    }
    xml.end().leaf("Marker", page.marker());
    return ok(xml);
  }

  // ---- helpers ----

  private FakeCacheSecurityGroup group(String name) {
    FakeCacheSecurityGroup group = groups.get(name.toLowerCase(Locale.ROOT));
    if (group == null) {
      throw new FaultException(404, "CacheSecurityGroupNotFound", "CacheSecurityGroup " + name + " not found.");
    }
    return group;
  }

  private static FakeCacheAuthorization authorization(QueryForm form, String status) {
    String owner = form.required("EC2SecurityGroupOwnerId");
    if (!ACCOUNT.matcher(owner).matches()) {
      throw new FaultException(400, "InvalidParameterValue",
          "Invalid EC2SecurityGroupOwnerId '" + owner + "': an AWS account number, not an access key");
    }
    return new FakeCacheAuthorization(form.required("EC2SecurityGroupName"), owner, status);
  }

  private record Page<T>(List<T> items, Optional<String> marker) {}

  /** One page of {@code items} (sorted by key) after the request's {@code Marker}, of {@code MaxRecords}. */
  private static <T> Page<T> page(QueryForm form, List<T> items, Function<T, String> key) {
    Integer maxRecords = form.integer("MaxRecords");
    if (maxRecords != null && (maxRecords < 20 || maxRecords > 100)) {
      throw new FaultException(400, "InvalidParameterValue",
          "MaxRecords must be between 20 and 100, not " + maxRecords);
    }
    String after = form.get("Marker") == null ? "" : PageToken.lastKey(form.get("Marker")).orElseThrow(
        () -> new FaultException(400, "InvalidParameterValue", "Invalid Marker: " + form.get("Marker")));
    List<T> remaining = items.stream().filter(i -> key.apply(i).compareTo(after) > 0).toList();
    int size = Math.min(maxRecords == null ? 100 : maxRecords, remaining.size());
    List<T> pageItems = remaining.subList(0, size);
    return new Page<>(pageItems, size < remaining.size()
        ? Optional.of(PageToken.after(key.apply(pageItems.get(size - 1)))) : Optional.empty());
  }

  private Xml result(String operation) {
    return Xml.root(operation + "Response", NAMESPACE).start(operation + "Result");
  }

  private FakeResponse groupReply(String operation, FakeCacheSecurityGroup group) {
    return ok(groupElement(result(operation), group));
  }

  private Xml groupElement(Xml xml, FakeCacheSecurityGroup group) {
    xml.start("CacheSecurityGroup").leaf("OwnerId", group.ownerId()).leaf("CacheSecurityGroupName", group.name())
        .leaf("Description", group.description()).start("EC2SecurityGroups");
    group.ec2SecurityGroups().forEach(a -> xml.start("EC2SecurityGroup").leaf("Status", a.status())
        .leaf("EC2SecurityGroupName", a.ec2SecurityGroupName())
        .leaf("EC2SecurityGroupOwnerId", a.ec2SecurityGroupOwnerId()).end());
    return xml.end().leaf("ARN", "arn:aws:elasticache:us-east-1:" + ownerId() + ":securitygroup:" + group.name())
        .end();
  }

  /** Closes the result element (if any) and adds the response metadata with a fresh request id. */
  private static FakeResponse ok(Xml xml) {
    return FakeResponse.xml(200, xml.closeToRoot().start("ResponseMetadata").leaf("RequestId", newRequestId())
        .document());
  }
}
