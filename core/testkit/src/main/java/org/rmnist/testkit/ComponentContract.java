package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pf4j.Extension;
import org.rmnist.api.Component;
import org.rmnist.api.Doc;
import org.rmnist.host.ConfigException;
import org.rmnist.host.plugin.ConfigBinder;

/**
 * What every extension keeps, whatever its kind: a kebab-case id, a one-line summary, the
 * {@code @Extension} annotation PF4J indexes, a documented config record whose defaults bind and
 * round-trip through the host's YAML binding, and the host's exact messages for an unknown
 * parameter and for a value out of range.
 *
 * @param <C> the config record
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ComponentContract<C extends Record> {
  /** The YAML path the kit binds parameters at, as a run's {@code params} would be. */
  protected static final String WHERE = "runs.contract.params";

  /** A key no config record has. */
  protected static final String UNKNOWN_KEY = "noSuchParameter";

  /** The extension under test. */
  protected abstract Component<C> component();

  /**
   * Parameters whose value is out of range, with the message the config record gives; null for a
   * config with no parameter that has a range (that test is then skipped).
   */
  protected abstract BadParameter outOfRange();

  /** Configs besides the defaults that must round-trip too (the ones the other tests use). */
  protected List<C> configs() {
    return List.of(component().defaults());
  }

  @Test
  void idIsKebabCaseAndSummaryOneLine() {
    String id = component().id();
    assertNotNull(id, "id()");
    assertTrue(id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "id '" + id + "' is not kebab-case");
    String summary = component().summary();
    assertNotNull(summary, "summary()");
    assertFalse(summary.isBlank(), "summary() is blank");
    assertFalse(summary.contains("\n"), "summary() is more than one line: " + summary);
  }

  @Test
  void isAnnotatedAsAnExtension() {
    assertNotNull(
        component().getClass().getAnnotation(Extension.class),
        component().getClass().getName() + " lacks @org.pf4j.Extension: PF4J will not find it");
  }

  @Test
  void defaultsAreOfTheConfigType() {
    assertNotNull(component().defaults(), "defaults()");
    assertEquals(component().configType(), component().defaults().getClass());
    for (C config : configs()) {
      assertTrue(component().configType().isInstance(config), String.valueOf(config));
    }
  }

  @Test
  void everyConfigComponentIsDocumented() {
    List<String> undocumented = new ArrayList<>();
    undocumented(component().configType(), "", undocumented);
    assertEquals(List.of(), undocumented, "config components without a @Doc");
  }

  private static void undocumented(Class<?> type, String prefix, List<String> out) {
    for (RecordComponent rc : type.getRecordComponents()) {
      Doc doc = rc.getAnnotation(Doc.class);
      if (doc == null || doc.value().isBlank()) {
        out.add(prefix + rc.getName());
      }
      if (rc.getType().isRecord()) {
        undocumented(rc.getType(), prefix + rc.getName() + ".", out);
      }
    }
  }

  @Test
  void defaultsBindAndRoundTripThroughTheHostsBinding() {
    C defaults = component().defaults();
    assertEquals(defaults, ConfigBinder.bind(component(), Map.of(), WHERE), "no parameters");
    for (C config : configs()) {
      Map<String, Object> yaml = ConfigBinder.toMap(config);
      assertEquals(config, ConfigBinder.bind(component(), yaml, WHERE), "round trip of " + yaml);
    }
  }

  @Test
  void anUnknownParameterGivesTheHostsMessage() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put(UNKNOWN_KEY, 1);
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigBinder.bind(component(), params, WHERE));
    List<String> allowed =
        Arrays.stream(component().configType().getRecordComponents())
            .map(RecordComponent::getName)
            .toList();
    assertEquals(
        HostMessages.unknownParameter(WHERE, component().id(), UNKNOWN_KEY, allowed),
        e.getMessage());
  }

  @Test
  void aValueOutOfRangeGivesTheHostsMessage() {
    BadParameter bad = outOfRange();
    Assumptions.assumeTrue(bad != null, "no parameter of " + component().id() + " has a range");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigBinder.bind(component(), bad.params(), WHERE),
            "binding " + bad.params());
    assertEquals(HostMessages.invalidValue(WHERE, component().id(), bad.message()), e.getMessage());
  }
}
