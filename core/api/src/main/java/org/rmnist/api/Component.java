package org.rmnist.api;

import org.pf4j.ExtensionPoint;

/**
 * What every extension has: a stable kebab-case id, a one-line summary and an immutable config
 * record.
 *
 * <p>The config record carries defaults ({@link #defaults()}) and validates in its canonical
 * constructor (throw {@link IllegalArgumentException} naming the component and the allowed range).
 * The host binds YAML to it by component name, so record components are the documented parameters;
 * annotate them with {@link Doc}. Extensions hold no per-run state: the config is passed on every
 * call.
 *
 * @param <C> the config record type
 */
public interface Component<C extends Record> extends ExtensionPoint {

  /** Stable lower-kebab-case id used in YAML, e.g. {@code svm-rbf}. */
  String id();

  /** One line for {@code rmnist plugins}. */
  String summary();

  /** The config record class. */
  Class<C> configType();

  /** The config with every default filled in. */
  C defaults();
}
