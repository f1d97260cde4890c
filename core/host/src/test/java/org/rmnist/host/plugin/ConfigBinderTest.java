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
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigBinder.bind(thing, Map.of("C", 10), "runs.a.params"));
    assertEquals(
        "runs.a.params.C: unknown parameter of 'thing'; allowed: c, kernel, k", e.getMessage());
  }

  @Test
  void recordValidationMessageIsKept() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigBinder.bind(thing, Map.of("c", -1), "runs.a.params"));
    assertEquals("runs.a.params: thing: c: must be > 0, got -1.0", e.getMessage());
  }

  @Test
  void wrongTypeNamesKeyAndValue() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
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

  public record Inner(@Doc("learning rate") double lr, @Doc("epochs") int epochs) {
    public Inner {
      if (!(lr > 0)) {
        throw new IllegalArgumentException("lr: must be > 0, got " + lr);
      }
    }
  }

  public record Outer(@Doc("width") int width, @Doc("how it trains") Inner training) {}

  static final class Nested implements Component<Outer> {
    public String id() {
      return "nested";
    }

    public String summary() {
      return "a nested thing";
    }

    public Class<Outer> configType() {
      return Outer.class;
    }

    public Outer defaults() {
      return new Outer(4, new Inner(0.1, 10));
    }
  }

  private final Nested nested = new Nested();

  private String error(Component<?> c, Map<String, ?> params) {
    return assertThrows(
            ConfigException.class, () -> ConfigBinder.bind(c, params, "runs.cnn.params"))
        .getMessage();
  }

  @Test
  void nestedRecordsDeepMergeOverTheirDefaults() {
    assertEquals(
        new Outer(4, new Inner(0.1, 30)),
        ConfigBinder.bind(nested, Map.of("training", Map.of("epochs", 30)), "x"));
    assertEquals(
        Map.of("width", 4, "training", Map.of("lr", 0.1, "epochs", 10)),
        ConfigBinder.toMap(nested.defaults()));
  }

  @Test
  void nestedErrorsNameTheFullPath() {
    assertEquals(
        "runs.cnn.params.training.lrr: unknown parameter of 'nested'; allowed: lr, " + "epochs",
        error(nested, Map.of("training", Map.of("lrr", 1))));
    assertEquals(
        "runs.cnn.params: nested: training.lr: must be > 0, got -1.0",
        error(nested, Map.of("training", Map.of("lr", -1))));
    assertEquals(
        "runs.cnn.params.training.epochs: expected an integer, got 1.7 (write whole "
            + "numbers without a decimal point)",
        error(nested, Map.of("training", Map.of("epochs", 1.7))));
    assertEquals(
        "runs.cnn.params.training: expected a map of Inner parameters (lr, epochs), got "
            + "'fast'",
        error(nested, Map.of("training", "fast")));
  }

  @Test
  void aFloatForAnIntegerIsRefusedEvenWhenWhole() {
    assertEquals(
        "runs.cnn.params.k: expected an integer, got 1.7 (write whole numbers without a "
            + "decimal point)",
        error(thing, Map.of("k", 1.7)));
    assertEquals(
        "runs.cnn.params.k: expected an integer, got 2.0 (write whole numbers without a "
            + "decimal point)",
        error(thing, Map.of("k", 2.0)));
  }

  @Test
  void anIntegerOutOfRangeOrAListForAnIntegerNamesTheKey() {
    assertEquals(
        "runs.cnn.params.k: 3000000000 is out of range for an integer "
            + "(-2147483648..2147483647)",
        error(thing, Map.of("k", 3000000000L)));
    assertEquals(
        "runs.cnn.params.training.epochs: -3000000000 is out of range for an integer "
            + "(-2147483648..2147483647)",
        error(nested, Map.of("training", Map.of("epochs", -3000000000L))));
    assertEquals(
        "runs.cnn.params.k: expected an integer, got a list",
        error(thing, Map.of("k", List.of(1))));
    assertEquals(
        "runs.cnn.params.c: expected a number, got a map", error(thing, Map.of("c", Map.of())));
  }

  @Test
  void aKeyWithoutAValueMeansItsDefault() {
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    params.put("c", null);
    params.put("k", 5);
    assertEquals(new Cfg(1.0, "rbf", 5), ConfigBinder.bind(thing, params, "x"));
    java.util.Map<String, Object> inner = new java.util.HashMap<>();
    inner.put("epochs", null);
    inner.put("lr", 0.5);
    assertEquals(
        new Outer(4, new Inner(0.5, 10)),
        ConfigBinder.bind(nested, Map.of("training", inner), "x"));
    java.util.Map<String, Object> group = new java.util.HashMap<>();
    group.put("training", null);
    group.put("width", 8);
    assertEquals(new Outer(8, new Inner(0.1, 10)), ConfigBinder.bind(nested, group, "x"));
  }

  @Test
  void nestedParametersAreListedWithDottedNames() {
    List<ConfigBinder.Parameter> p = ConfigBinder.parameters(nested);
    assertEquals(
        List.of("width", "training", "training.lr", "training.epochs"),
        p.stream().map(ConfigBinder.Parameter::name).toList());
    assertEquals(
        new ConfigBinder.Parameter("training", "Inner", null, "how it trains", true), p.get(1));
    assertEquals(
        new ConfigBinder.Parameter("training.lr", "double", 0.1, "learning rate"), p.get(2));
  }

  public record Grown(
      @Doc("width") int width,
      @Doc("how it trains") Inner training,
      @org.rmnist.api.Since("later") @Doc("added later") String objective,
      @org.rmnist.api.Since("later") @Doc("added later") Inner extra) {}

  public record Old(@Doc("width") int width, @Doc("how it trains") Inner training) {}

  @Test
  void parametersAddedLaterStayOutOfTheIdentityWhileTheyHoldTheirDefaults() {
    Grown defaults = new Grown(4, new Inner(0.1, 3), "plain", new Inner(1, 1));
    Map<String, Object> old = ConfigBinder.toMap(new Old(8, new Inner(0.2, 3)));
    assertEquals(
        old,
        ConfigBinder.identityMap(
            new Grown(8, new Inner(0.2, 3), "plain", new Inner(1, 1)), defaults));
    Map<String, Object> changed =
        ConfigBinder.identityMap(
            new Grown(8, new Inner(0.2, 3), "fancy", new Inner(1, 1)), defaults);
    assertEquals("fancy", changed.get("objective"));
    assertEquals(false, changed.containsKey("extra"));
    Map<String, Object> nested =
        ConfigBinder.identityMap(
            new Grown(8, new Inner(0.2, 3), "plain", new Inner(1, 2)), defaults);
    assertEquals(Map.of("lr", 1.0, "epochs", 2), nested.get("extra"));
    assertEquals(
        ConfigBinder.toMap(new Grown(4, new Inner(0.1, 3), "plain", new Inner(1, 1))).keySet(),
        java.util.Set.of("width", "training", "objective", "extra"),
        "results still show every parameter");
  }
}
