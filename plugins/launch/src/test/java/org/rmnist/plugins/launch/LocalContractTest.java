package org.rmnist.plugins.launch;

import java.util.List;
import org.rmnist.api.Launcher;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.LauncherContract;

/** {@code local} keeps the launcher contract, with and without its in-process worker. */
class LocalContractTest extends LauncherContract<LocalConfig> {
  @Override
  protected Launcher<LocalConfig> launcher() {
    return new LocalLauncher();
  }

  @Override
  protected BadParameter outOfRange() {
    return null; // one boolean
  }

  @Override
  protected List<LocalConfig> configs() {
    return List.of(new LocalConfig(true), new LocalConfig(false));
  }
}
