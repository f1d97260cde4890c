package org.rmnist.host.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Lists loaded plugins and the extensions each provides, with their parameters. */
@Command(name = "plugins", description = "List plugins (id, version, jar) and their extensions.")
final class PluginsCommand implements Callable<Integer> {
  @ParentCommand RmnistCli root;

  @Override
  public Integer call() {
    try (PluginHost host = root.openHost()) {
      System.out.println("Plugins:");
      for (PluginHost.PluginInfo p : host.plugins()) {
        System.out.printf("  %-14s %-16s %-8s %s%n", p.id(), p.version(), p.state(), p.path());
        if (p.problem() != null) {
          System.out.println("      problem: " + p.problem());
        }
      }
      for (ExtensionKind kind : ExtensionKind.values()) {
        Map<String, PluginHost.Registered> all = host.all(kind);
        System.out.printf("%nExtensions: %s (%d)%n", kind.word(), all.size());
        for (PluginHost.Registered r : all.values()) {
          System.out.printf(
              "  %s  [plugin %s %s]%n      %s%n",
              r.component().id(), r.plugin().id(), r.plugin().version(), r.component().summary());
          for (ConfigBinder.Parameter prm : ConfigBinder.parameters(r.component())) {
            if (prm.group()) {
              System.out.printf(
                  "      - %s: group of parameters%s%n",
                  prm.name(), prm.doc().isEmpty() ? "" : "; " + prm.doc());
              continue;
            }
            System.out.printf(
                "      - %s (%s, default %s)%s%n",
                prm.name(),
                prm.type(),
                prm.defaultValue() instanceof String s && s.isEmpty() ? "\"\"" : prm.defaultValue(),
                prm.doc().isEmpty() ? "" : ": " + prm.doc());
          }
        }
      }
      return host.problems().isEmpty() ? 0 : 1;
    }
  }
}
