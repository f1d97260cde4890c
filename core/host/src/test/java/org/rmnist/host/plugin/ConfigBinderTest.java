package org.rmnist.host.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Component;
import org.rmnist.api.Doc;
import org.rmnist.host.ConfigException;

class ConfigBinderTest {
  public record Cfg(@Doc("penalty, > 0") double c, @Doc("kernel") String kernel, int k) {
    public Cfg {
      if (!(c > 0)) {
        throw new IllegalArgumentException("c: must be > 0, got " + c);
      }
    }
  }

  static final class Thing implements Component<Cfg> {
    public String id() {
      return "thing";
    }

    public String summary() {
      return "a thing";
    }

    public Class<Cfg> configType() {
      return Cfg.class;
    }

    public Cfg defaults() {
      return new Cfg(1.0, "rbf", 3);
    }
  }

  private final Thing thing = new Thing();

  @Test
  void givenKeysOverrideDefaults() {
    assertEquals(new Cfg(10, "rbf", 3), ConfigBinder.bind(thing, Map.of("c", 10), "x"));
    assertEquals(new Cfg(1, "rbf", 3), ConfigBinder.bind(thing, null, "x"));
  }

  @Test
  void unknownKeyListsTheAllowedOnes() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigBinder.bind(thing, Map.of("C", 10), "runs.a.params"));
    assertEquals("runs.a.params.C: unknown parameter of 'thing'; allowed: c, kernel, k",
        e.getMessage());
  }

  @Test
  void recordValidationMessageIsKept() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigBinder.bind(thing, Map.of("c", -1), "runs.a.params"));
    assertEquals("runs.a.params: thing: c: must be > 0, got -1.0", e.getMessage());
  }

  @Test
  void wrongTypeNamesKeyAndValue() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigBinder.bind(thing, Map.of("k", "many"), "runs.a.params"));
    assertEquals("runs.a.params.k: expected int, got 'many'", e.getMessage());
  }

  @Test
  void parametersAreDocumentedWithDefaults() {
    List<ConfigBinder.Parameter> p = ConfigBinder.parameters(thing);
    assertEquals(new ConfigBinder.Parameter("c", "double", 1.0, "penalty, > 0"), p.get(0));
    assertEquals("String", p.get(1).type());
    assertEquals(3, p.get(2).defaultValue());
  }
}
