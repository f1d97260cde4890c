package org.rmnist.testkit;

import org.rmnist.api.Launcher;
import org.rmnist.testkit.samples.OverEagerLauncher;

/** Run by {@link ContractsCatchDefectsTest} only (surefire does not pick this name up). */
class OverEagerLauncherCheck extends LauncherContract<OverEagerLauncher.Config> {
  @Override
  protected Launcher<OverEagerLauncher.Config> launcher() {
    return new OverEagerLauncher();
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("unused", 11, "unused: must be in [0, 10], got 11");
  }
}
