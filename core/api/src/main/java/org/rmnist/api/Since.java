package org.rmnist.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config parameter (a record component) added after runs of its extension were recorded.
 * While the parameter holds its default value, the host leaves it out of a run's identity, so the
 * runs recorded before it existed keep their identity (and their results) instead of becoming new
 * runs. Give every parameter added to a released extension this mark, with a default that keeps the
 * old behaviour.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER
})
public @interface Since {
  /** When it was added: a version or an issue, e.g. {@code "issue 12"}. */
  String value();
}
