package io.portcullis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.core.RuleRejection;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.analysis.Finding;
import io.portcullis.core.analysis.Severity;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.RuleUpdate;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.SourceLocation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The machine-readable output of {@code plan}, {@code apply} and {@code lint} ({@code --json}). The schema is
 * documented in the module's README; {@link #SCHEMA_VERSION} changes whenever a field is renamed, removed or
 * changes meaning (adding a field does not change it).
 */
final class JsonReport {
  /** The version of the output's schema. */
  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonReport() {}

  /** The document of a {@code plan} or {@code apply} run. */
  static String groups(String command, String file, List<GroupReport> reports) {
    ObjectNode root = start(command, file);
    ArrayNode groups = root.putArray("groups");
    for (GroupReport r : reports) {
      ObjectNode g = group(groups.addObject(), r.group());
      g.put("status", r.status().label());
      r.plan().ifPresentOrElse(p -> plan(g.putObject("plan"), p), () -> g.putNull("plan"));
      findings(g.putArray("findings"), r.findings(), r.lines());
      r.result().ifPresentOrElse(res -> result(g.putObject("result"), res, r.lines()), () -> g.putNull("result"));
      optional(g, "error", r.error());
      ArrayNode rejections = g.putArray("rejections");
      for (RuleRejection rejection : r.rejections()) {
        ObjectNode n = rejections.addObject().put("rule", rejection.rule().toText());
        rejection.reasons().forEach(n.putArray("reasons")::add);
        line(n, r.lines().of(rejection.rule()));
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("groups", reports.size());
    for (GroupReport.Status status : GroupReport.Status.values()) {
      summary.put(camel(status.label()), reports.stream().filter(r -> r.status() == status).count());
    }
    return write(root);
  }

  /** The document of a {@code lint} run. */
  static String lint(String file, Optional<Severity> failOn, List<LintCommand.GroupFindings> groups) {
    ObjectNode root = start("lint", file);
    root.put("failOn", failOn.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("none"));
    ArrayNode array = root.putArray("groups");
    for (LintCommand.GroupFindings g : groups) {
      ObjectNode node = group(array.addObject(), g.group());
      findings(node.putArray("findings"), g.findings(), RuleLines.of(g.group()));
      optional(node, "error", g.error());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("groups", groups.size());
    ObjectNode bySeverity = summary.putObject("findings");
    for (Severity s : Severity.values()) {
      bySeverity.put(s.name().toLowerCase(Locale.ROOT),
          groups.stream().flatMap(g -> g.findings().stream()).filter(f -> f.severity() == s).count());
    }
    summary.put("failed", groups.stream().filter(g -> g.error().isPresent()).count());
    return write(root);
  }

  private static ObjectNode start(String command, String file) {
    ObjectNode root = NODES.objectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("command", command);
    root.put("file", file);
    return root;
  }

  private static ObjectNode group(ObjectNode node, GroupRules group) {
    node.put("provider", group.provider());
    ObjectNode ref = node.putObject("group");
    SecurityGroupRef g = group.group();
    optional(ref, "id", g.id());
    optional(ref, "name", g.name());
    node.put("mode", group.mode().name().toLowerCase(Locale.ROOT));
    node.put("line", group.line());
    return node;
  }

  private static void plan(ObjectNode node, RulePlan plan) {
    ArrayNode create = node.putArray("create");
    plan.toCreate().forEach(r -> create.add(r.toText()));
    ArrayNode update = node.putArray("update");
    for (RuleUpdate u : plan.toUpdate()) {
      ObjectNode o = update.addObject();
      o.put("rule", u.desired().toText());
      o.put("providerId", u.current().providerId());
      optional(o, "was", u.current().rule().description());
      if (u.tagsChange()) {
        new TreeMap<>(u.desired().tags()).forEach(o.putObject("tags")::put);
        new TreeMap<>(u.current().rule().tags()).forEach(o.putObject("wasTags")::put);
      }
    }
    ArrayNode delete = node.putArray("delete");
    plan.toDelete().forEach(p -> delete.addObject().put("rule", p.rule().toText()).put("providerId", p.providerId()));
    node.put("unchanged", plan.unchanged().size());
    node.put("unmanaged", plan.unmanaged().size());
    node.put("summary", plan.summary());
  }

  private static void findings(ArrayNode array, List<Finding> findings, RuleLines lines) {
    for (Finding f : findings) {
      line(array.addObject().put("id", f.id()).put("severity", f.severity().name().toLowerCase(Locale.ROOT))
          .put("rule", f.rule()).put("message", f.message()).put("fix", f.fix()), lines.ofText(f.rule()));
    }
  }

  /** The line the rule was written on, {@code null} when it was not in the file (e.g. a rule deleted). */
  private static void line(ObjectNode node, Optional<SourceLocation> at) {
    at.ifPresentOrElse(l -> node.put("line", l.line()), () -> node.putNull("line"));
  }

  private static void result(ObjectNode node, ApplyResult result, RuleLines lines) {
    node.put("complete", result.isComplete());
    node.put("mutatingCalls", result.mutatingCalls());
    ArrayNode outcomes = node.putArray("outcomes");
    for (RuleOutcome o : result.outcomes()) {
      ObjectNode n = outcomes.addObject();
      n.put("change", o.change().name().toLowerCase(Locale.ROOT));
      n.put("status", o.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      n.put("rule", o.rule().toText());
      optional(n, "providerId", o.providerId());
      optional(n, "detail", o.detail());
      line(n, lines.of(o.rule()));
    }
  }

  private static void optional(ObjectNode node, String field, Optional<String> value) {
    value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
  }

  /** {@code no-changes} to {@code noChanges}. */
  private static String camel(String label) {
    int dash = label.indexOf('-');
    return dash < 0 ? label
        : label.substring(0, dash) + Character.toUpperCase(label.charAt(dash + 1)) + label.substring(dash + 2);
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }
}
