package org.rmnist.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rmnist.host.plugin.PluginHost;
import picocli.CommandLine;

class BuildVersionTest {

  @Test
  void versionComesFromTheBuildNotALiteral() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new RmnistCli());
    cli.setOut(new java.io.PrintWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true));
    assertEquals(0, cli.execute("--version"));
    String out = bytes.toString(StandardCharsets.UTF_8);
    String version = PluginHost.apiVersion();
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version);
    assertTrue(out.startsWith("rmnist " + version + "\n"), out);
    assertTrue(
        out.contains(
            "plugin API "
                + version
                + " (plugins declare Plugin-Requires: "
                + PluginHost.compatibleRange(version)
                + ")"),
        out);
  }
}
