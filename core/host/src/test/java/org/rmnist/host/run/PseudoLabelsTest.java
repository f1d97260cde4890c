package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Predictions;
import org.rmnist.api.UnlabelledImages;
import org.rmnist.host.ConfigException;
import org.rmnist.host.HostFixtures;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.config.PseudoLabelSpec;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.Json;

/**
 * Self-training ({@code pseudoLabels:}): which unlabelled images a student keeps and with which
 * labels, that the teacher runs first and its rerun retrains the student, that scrambled pool
 * labels change nothing, and that a bad teacher is refused naming the key.
 */
class PseudoLabelsTest {
  @TempDir Path tmp;

  private Path plugins;
  private int experiments;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private static final ImageShape ONE = new ImageShape(1, 1, 1);

  // --- which images are kept ---------------------------------------------------------------------

  /** Teacher rows: sources 10..15 with 3 classes. */
  private static PseudoLabels.Taught taught() {
    float[] p = {
      0.9f, 0.1f, 0f, // 10 -> 0 (0.9)
      0.6f, 0.4f, 0f, // 11 -> 0 (0.6)
      0.2f, 0.7f, 0.1f, // 12 -> 1 (0.7)
      0.1f, 0.1f, 0.8f, // 13 -> 2 (0.8)
      0.7f, 0.3f, 0f, // 14 -> 0 (0.7)
      0f, 0.5f, 0.5f, // 15 -> 1 (0.5, tie: lowest class)
    };
    return new PseudoLabels.Taught(new int[] {10, 11, 12, 13, 14, 15}, new Predictions(p, 3));
  }

  /** The student's view: sources 15, 14, 13, 12, 11, 10 and 99 (which the teacher never saw). */
  private static UnlabelledImages view() {
    return new UnlabelledImages(
        new float[] {15, 14, 13, 12, 11, 10, 99}, ONE, new int[] {15, 14, 13, 12, 11, 10, 99});
  }

  private static ImageSet labelled() {
    return new ImageSet(new float[] {-1, -2}, new int[] {2, 1}, ONE, new int[] {3, 4});
  }

  private static PseudoLabels.Student apply(Double threshold, Double share, String labels) {
    return PseudoLabels.apply(
        new PseudoLabelSpec("t", threshold, share, labels),
        "t",
        taught(),
        labelled(),
        null,
        view(),
        3);
  }

  @Test
  void everyPredictedViewImageJoinsWithTheTeachersMostProbableClass() {
    PseudoLabels.Student s = apply(null, null, null);
    // labelled first, then the view's order; source 99 has no prediction and stays out
    assertArrayEquals(new int[] {3, 4, 15, 14, 13, 12, 11, 10}, s.train().sourceIndices());
    assertArrayEquals(new int[] {2, 1, 1, 0, 2, 1, 0, 0}, s.train().labels());
    assertArrayEquals(new float[] {-1, -2, 15, 14, 13, 12, 11, 10}, s.train().pixels());
    assertNull(s.softLabels());
    assertEquals(6, s.facts().get("view_images_predicted"));
    assertEquals(6, s.facts().get("kept"));
  }

  @Test
  void theThresholdAndThePerClassShareKeepTheSurestImages() {
    PseudoLabels.Student t = apply(0.7, null, null);
    assertArrayEquals(new int[] {3, 4, 14, 13, 12, 10}, t.train().sourceIndices());
    // class 0 has 10 (0.9), 14 (0.7), 11 (0.6): half of 3 rounds up to 2, the surest
    PseudoLabels.Student s = apply(null, 0.5, null);
    assertArrayEquals(new int[] {3, 4, 14, 13, 12, 10}, s.train().sourceIndices());
    assertEquals(List.of(2, 1, 1), s.facts().get("kept_by_class"));
    PseudoLabels.Student both = apply(0.75, 0.5, null);
    assertArrayEquals(new int[] {3, 4, 13, 10}, both.train().sourceIndices());
  }

  @Test
  void softLabelsAreTheTeachersRowsAndOneHotForTheLabelledImages() {
    PseudoLabels.Student s = apply(0.75, null, "soft");
    assertArrayEquals(new int[] {3, 4, 13, 10}, s.train().sourceIndices());
    assertArrayEquals(
        new float[] {0, 0, 1, 0, 1, 0, 0.1f, 0.1f, 0.8f, 0.9f, 0.1f, 0}, s.softLabels(), 1e-7f);
    // a built set's soft labels are kept; hard pseudo-labels beside them become one-hot rows
    float[] own = {0.2f, 0.2f, 0.6f, 0.5f, 0.5f, 0f};
    PseudoLabels.Student b =
        PseudoLabels.apply(
            new PseudoLabelSpec("t", 0.75, null, "hard"),
            "t",
            taught(),
            labelled(),
            own,
            view(),
            3);
    assertArrayEquals(
        new float[] {0.2f, 0.2f, 0.6f, 0.5f, 0.5f, 0, 0, 0, 1, 1, 0, 0}, b.softLabels(), 1e-7f);
  }

  // --- in an experiment
  // ---------------------------------------------------------------------------

  @BeforeEach
  void setUp() {
    plugins = tmp.resolve("plugins");
    HostFixtures.data(plugins);
    HostFixtures.model(plugins);
    HostFixtures.unlabelledProbe(plugins);
  }

  private ExperimentLoader.Loaded load(String dataParams, String runs) throws IOException {
    String yaml =
        """
        name: selftrain%d
        datasets:
          labelled: {id: synthetic, params: %s, n: [2]}
        runs:
        %s
        splits: [validation]
        """
            .formatted(experiments++, dataParams, runs.indent(2));
    Path f = tmp.resolve("exp.yaml");
    Files.writeString(f, yaml);
    return ExperimentLoader.load(f, List.of());
  }

  private static final String TEACHER_AND_STUDENT =
      """
      teacher:
        id: centroid
        unlabelled: pool
      student:
        id: centroid
        unlabelled: pool
        trainSeeds: [0, 1]
        pseudoLabels: {teacher: teacher, share: 0.5}
      """;

  private Runner.Outcome run(ExperimentLoader.Loaded loaded) throws IOException {
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      return HostFixtures.runner(host, log, tmp.resolve("home"))
          .run(loaded, tmp.resolve("results"));
    }
  }

  private static Path runDir(Runner.Outcome out, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(out.dir().resolve("runs"))) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix + "__"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static Map<?, ?> metrics(Path runDir) throws IOException {
    return Json.MAPPER.readValue(runDir.resolve("metrics.json").toFile(), Map.class);
  }

  @Test
  void theStudentTrainsOnItsImagesAndTheTeachersSurestHalfOfThePool() throws IOException {
    Runner.Outcome out = run(load("{noise: 0.3}", TEACHER_AND_STUDENT));
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    assertEquals(3, out.ran(), "one teacher (its only seed teaches both), two students");
    Path teacher = runDir(out, "teacher");
    assertEquals(500 * 10, (Files.size(teacher.resolve("predictions-unlabelled.f32")) - 8) / 4);
    assertTrue(Files.isRegularFile(teacher.resolve("predictions-unlabelled.f32")));
    assertTrue(Files.isRegularFile(teacher.resolve("unlabelled-sources.i32")));
    Map<?, ?> m = metrics(runDir(out, "student"));
    Map<?, ?> p = (Map<?, ?>) m.get("pseudo_labels");
    assertEquals(500, p.get("view_images_predicted"));
    int kept = ((Number) p.get("kept")).intValue();
    // one-hot teacher: every image is as sure as any; half of each predicted class, rounded up
    assertTrue(kept >= 250 && kept <= 255, "kept " + kept);
    assertEquals(20 + kept, ((Number) m.get("train_images")).intValue());
    assertEquals(20 + kept, ((Map<?, ?>) m.get("facts")).get("train_size"));
  }

  @Test
  void scrambledPoolLabelsGiveTheStudentTheSameLabels() throws IOException {
    Runner.Outcome plain = run(load("{noise: 0.3, scramblePool: false}", TEACHER_AND_STUDENT));
    Runner.Outcome scrambled = run(load("{noise: 0.3, scramblePool: true}", TEACHER_AND_STUDENT));
    assertTrue(plain.failures().isEmpty() && scrambled.failures().isEmpty());
    Map<?, ?> a = metrics(runDir(plain, "student"));
    Map<?, ?> b = metrics(runDir(scrambled, "student"));
    assertEquals(a.get("pseudo_labels"), b.get("pseudo_labels"));
    assertEquals(a.get("validation_accuracy"), b.get("validation_accuracy"));
    assertArrayEquals(
        Files.readAllBytes(runDir(plain, "student").resolve("predictions-validation.f32")),
        Files.readAllBytes(runDir(scrambled, "student").resolve("predictions-validation.f32")));
  }

  @Test
  void aTeacherThatRanAgainRetrainsItsStudents() throws IOException {
    ExperimentLoader.Loaded loaded = load("{noise: 0.3}", TEACHER_AND_STUDENT);
    Runner.Outcome first = run(loaded);
    assertEquals(3, first.ran());
    assertEquals(0, run(loaded).ran(), "nothing changed");
    Path done = runDir(first, "teacher").resolve("done.json");
    Files.setLastModifiedTime(done, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Runner.Outcome again = run(loaded);
    assertEquals(2, again.ran(), "both students learn from the new labels");
    assertTrue(log.toString().contains("its teacher ran again"), log.toString());
    // a teacher finished before runs kept their predictions of the view trains again, then its
    // students
    Files.delete(runDir(first, "teacher").resolve("unlabelled-sources.i32"));
    assertEquals(3, run(loaded).ran());
    assertTrue(log.toString().contains("which its students need; training again"), log.toString());
    assertEquals(0, run(loaded).ran());
  }

  @Test
  void aTeacherIsARunAboveWithAViewAndSoftLabelsNeedAModelThatTakesThem() throws IOException {
    String below =
        """
        student:
          id: centroid
          unlabelled: pool
          pseudoLabels: {teacher: teacher}
        teacher:
          id: centroid
          unlabelled: pool
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> run(load("{}", below)));
    assertTrue(
        e.getMessage()
            .contains(
                "runs.student.pseudoLabels.teacher: 'teacher' is not a model run; name a model "
                    + "run defined above this one in the file (there is none)"),
        e.getMessage());
    String noView =
        """
        teacher:
          id: centroid
          unlabelled: pool
        student:
          id: centroid
          pseudoLabels: {teacher: teacher}
        """;
    e = assertThrows(ConfigException.class, () -> run(load("{}", noView)));
    assertTrue(
        e.getMessage().contains("runs.student.pseudoLabels: the teacher labels this run's "),
        e.getMessage());
    String seeds =
        """
        teacher:
          id: centroid
          unlabelled: pool
          trainSeeds: [0, 1]
        student:
          id: centroid
          unlabelled: pool
          trainSeeds: [2]
          pseudoLabels: {teacher: teacher, share: 0}
        """;
    e = assertThrows(ConfigException.class, () -> run(load("{}", seeds)));
    assertTrue(
        e.getMessage().contains("runs.student.pseudoLabels.teacher: run 'teacher' has no training"),
        e.getMessage());
    String share = seeds.replace("trainSeeds: [2]", "trainSeeds: [1]");
    e = assertThrows(ConfigException.class, () -> run(load("{}", share)));
    assertTrue(
        e.getMessage().contains("runs.student.pseudoLabels.share: 0.0 is out of range"),
        e.getMessage());
    String soft =
        """
        teacher:
          id: centroid
          unlabelled: pool
        student:
          id: unlabelled-probe
          params: {record: '%s'}
          unlabelled: pool
          pseudoLabels: {teacher: teacher, labels: soft}
        """
            .formatted(tmp.resolve("probe.txt"));
    e = assertThrows(ConfigException.class, () -> run(load("{}", soft)));
    assertTrue(
        e.getMessage()
            .contains(
                "runs.student.pseudoLabels.labels: soft, and model 'unlabelled-probe' cannot "
                    + "train on soft labels"),
        e.getMessage());
  }
}
