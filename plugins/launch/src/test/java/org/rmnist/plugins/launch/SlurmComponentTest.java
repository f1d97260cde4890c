package org.rmnist.plugins.launch;

import java.util.List;
import org.rmnist.api.Component;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ComponentContract;

/**
 * {@code slurm} keeps the component contract; its launches are tested on a real cluster in dist's
 * LaunchersTest and with stand-in commands in SlurmLauncherTest.
 */
class SlurmComponentTest extends ComponentContract<SlurmConfig> {
  @Override
  protected Component<SlurmConfig> component() {
    return new SlurmLauncher();
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of(
        "maxRunning", -1, "maxRunning: must be in [0, 1000000] (0 = no limit), got -1");
  }

  @Override
  protected List<SlurmConfig> configs() {
    return List.of(
        SlurmConfig.defaults(),
        new SlurmConfig(
            "short", "30:00", 2, "4G", 4, List.of("--qos=normal"), 0.5, "/usr/bin/sbatch"));
  }
}
