package org.rmnist.host.cli;

import org.rmnist.host.ConfigException;
import org.rmnist.host.data.Fetcher;
import picocli.CommandLine.Option;

/**
 * {@code --attempts N}, shared by the commands that download ({@code data fetch}, {@code models
 * fetch}).
 */
final class AttemptsOption {
  @Option(
      names = "--attempts",
      defaultValue = "3",
      paramLabel = "N",
      description =
          "Download attempts per URL, 1.." + Fetcher.MAX_ATTEMPTS + " (default ${DEFAULT-VALUE}).")
  int attempts;

  /** The value, checked: bad input names the option. */
  int checked() {
    if (attempts < 1 || attempts > Fetcher.MAX_ATTEMPTS) {
      throw new ConfigException(
          "--attempts: expected 1.." + Fetcher.MAX_ATTEMPTS + ", got " + attempts);
    }
    return attempts;
  }
}
