package io.portcullis.cli;

import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import io.portcullis.testkit.FakeClouds;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The test kit's fake clouds on 127.0.0.1 ({@code --fake}): every command can be tried without an account. */
final class SeededFakeClouds implements Clouds {
  private static final Logger LOG = LoggerFactory.getLogger(SeededFakeClouds.class);

  private final FakeClouds clouds;
  private final boolean owned;
  private final Map<String, SecurityGroupRules> adapters = new HashMap<>();
  private final Map<String, SecurityGroups> groups = new HashMap<>();

  private SeededFakeClouds(FakeClouds clouds, boolean owned) {
    this.clouds = clouds;
    this.owned = owned;
  }

  /** Starts fakes of its own, stopped on {@link #close()}. */
  static SeededFakeClouds start() {
    return new SeededFakeClouds(FakeClouds.start(), true);
  }

  /** Uses running fakes and leaves them running (for tests that look at the fakes after a command). */
  static SeededFakeClouds over(FakeClouds clouds) {
    return new SeededFakeClouds(clouds, false);
  }

  @Override
  public SecurityGroupRules rules(String provider) {
    return adapters.computeIfAbsent(provider, clouds::rules);
  }

  @Override
  public SecurityGroups groups(String provider) {
    return groups.computeIfAbsent(provider, clouds::groups);
  }

  /** Creates the groups it can; planning reports the others (one group's problem never stops the rest). */
  @Override
  public void createGroups(RuleFile file) {
    for (GroupRules group : file.groups()) {
      try {
        FakeGroups.create(clouds, group);
      } catch (IllegalArgumentException e) {
        LOG.warn("{} {}: not created in the fakes: {}", group.provider(), group.group(), e.getMessage());
      }
    }
  }

  @Override
  public void seedExample() {
    RuleFile example = ExampleFile.read();
    FakeGroups.createAll(clouds, example);
    for (GroupRules group : example.groups()) {
      SecurityGroupRules adapter = rules(group.provider());
      adapter.apply(group.group(), adapter.plan(group.group(), group.rules(), group.mode()));
    }
  }

  @Override
  public void close() {
    if (owned) {
      clouds.close();
    }
  }
}
