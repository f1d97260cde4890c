package org.rmnist.api;

import java.util.SplittableRandom;

/**
 * A random key addressed by coordinates (as JAX's {@code fold_in}): a child seed is a pure function
 * of (parent, purpose, indices), so a draw does not depend on how many draws came before it.
 *
 * <p>Use {@code seed.derive("shuffle", epoch)}, {@code seed.derive("augment", epoch, index, copy)}.
 */
public record Seed(long value) {

  /** A child seed for {@code purpose} at the given coordinates. */
  public Seed derive(String purpose, long... coordinates) {
    long h = mix(value ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < purpose.length(); i++) {
      h = mix(h ^ purpose.charAt(i));
    }
    h = mix(h ^ purpose.length());
    for (long c : coordinates) {
      h = mix(h ^ c);
    }
    return new Seed(mix(h ^ coordinates.length));
  }

  /** A fresh generator for this seed. */
  public SplittableRandom random() {
    return new SplittableRandom(value);
  }

  /** The low 31 bits, for libraries that take an int seed. */
  public int intValue() {
    return (int) (value & 0x7FFFFFFF);
  }

  /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
  static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
