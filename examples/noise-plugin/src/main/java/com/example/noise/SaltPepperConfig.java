package com.example.noise;

import org.rmnist.api.Doc;

/** Config of {@code salt-pepper}. */
public record SaltPepperConfig(
    @Doc("fraction of pixels replaced, 0..1") double amount,
    @Doc("of the replaced pixels, the fraction set to 1 (salt); the rest become 0") double salt) {

  public SaltPepperConfig {
    if (!(amount >= 0 && amount <= 1)) {
      throw new IllegalArgumentException("amount: must be in [0, 1], got " + amount);
    }
    if (!(salt >= 0 && salt <= 1)) {
      throw new IllegalArgumentException("salt: must be in [0, 1], got " + salt);
    }
  }
}
