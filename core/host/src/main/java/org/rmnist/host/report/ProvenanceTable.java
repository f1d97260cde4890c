package org.rmnist.host.report;

import static org.rmnist.host.report.HtmlReport.esc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an experiment's results came from, from its provenance.json: the command, git commit,
 * plugin versions and jar hashes, data file hashes, and the machine.
 */
final class ProvenanceTable {
  private ProvenanceTable() {}

  static String html(ResultsFolder folder) {
    Map<String, Object> p = folder.provenance();
    StringBuilder sb = new StringBuilder("<h3>Provenance</h3>\n");
    if (p.isEmpty()) {
      return sb.append("<p class=\"note\">provenance.json is missing.</p>\n").toString();
    }
    sb.append("<table class=\"provenance\">\n");
    String command = "bin/rmnist run " + p.getOrDefault("file", "?");
    if (p.get("overrides") instanceof List<?> o && !o.isEmpty()) {
      command += " " + String.join(" ", o.stream().map(Object::toString).toList());
    }
    row(sb, "command", "<code>" + esc(command) + "</code>");
    row(
        sb,
        "git commit",
        esc(String.valueOf(p.get("git_commit")))
            + (Boolean.TRUE.equals(p.get("git_dirty")) ? " (with uncommitted changes)" : ""));
    row(sb, "host jar sha256", esc(String.valueOf(p.get("host_sha256"))));
    if (p.get("plugins") instanceof List<?> plugins) {
      StringBuilder list = new StringBuilder();
      for (Object o : plugins) {
        if (o instanceof Map<?, ?> m) {
          list.append(esc(m.get("id") + " " + m.get("version")))
              .append(" <code>sha256 ")
              .append(esc(String.valueOf(m.get("sha256"))))
              .append("</code><br>");
        }
      }
      row(sb, "plugins", list.toString());
    }
    if (p.get("data") instanceof Map<?, ?> data) {
      Map<String, String> hashes = new TreeMap<>();
      data.values()
          .forEach(
              d -> {
                if (d instanceof Map<?, ?> m) {
                  m.forEach(
                      (k, v) -> {
                        if (k.toString().startsWith("sha256_")) {
                          hashes.put(k.toString().substring(7), v.toString());
                        }
                      });
                }
              });
      StringBuilder list = new StringBuilder();
      hashes.forEach(
          (file, hash) ->
              list.append(esc(file)).append(" <code>").append(esc(hash)).append("</code><br>"));
      row(sb, "data files (sha256)", list.toString());
    }
    String engines = p.get("engines") instanceof Map<?, ?> e ? " · engines " + e : "";
    row(
        sb,
        "machine",
        esc(
            p.get("cpu")
                + ", "
                + p.get("processors")
                + " processors, "
                + p.get("os")
                + ", "
                + p.get("java")
                + engines));
    row(sb, "experiment sha256", esc(String.valueOf(p.get("config_sha256"))));
    return sb.append("</table>\n").toString();
  }

  private static void row(StringBuilder sb, String key, String valueHtml) {
    sb.append("<tr><th>").append(esc(key)).append("</th><td>").append(valueHtml);
    sb.append("</td></tr>\n");
  }
}
