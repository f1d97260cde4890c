package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.host.ConfigException;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.testkit.TestImages;

/** {@code teacher-labels}: a teacher trained on the pool labels the start set's images. */
class TeacherLabelsTest {
  static final TeacherLabelsBuilder BUILDER = new TeacherLabelsBuilder();

  /** A narrow teacher, briefly trained, as YAML would give it. */
  static TeacherConfig small(int epochs, double temperature, int holdout) {
    return ConfigBinder.bind(
        BUILDER,
        Map.of(
            "teacher",
            Map.of(
                "channels", List.of(8, 16),
                "dense", List.of(32),
                "training", Map.of("epochs", epochs, "batchSize", 8, "lr", 0.003)),
            "temperature",
            temperature,
            "holdout",
            holdout),
        "test");
  }

  @Test
  void temperatureOneKeepsTheProbabilitiesAndHigherSoftensThemInTheSameOrder() {
    float[] p = {0.7f, 0.2f, 0.1f, 0f, 1f, 0f};
    assertArrayEquals(p, TeacherLabelsBuilder.temper(p, 3, 1), 1e-6f);
    float[] soft = TeacherLabelsBuilder.temper(p, 3, 4);
    assertTrue(soft[0] < 0.7f && soft[0] > soft[1] && soft[1] > soft[2], "row 0: " + soft[0]);
    assertEquals(1, soft[0] + soft[1] + soft[2], 1e-6);
    // T = 4: 0.7^(1/4) / (0.7^(1/4) + 0.2^(1/4) + 0.1^(1/4))
    double a = Math.pow(0.7, 0.25);
    double b = Math.pow(0.2, 0.25);
    double c = Math.pow(0.1, 0.25);
    assertEquals(a / (a + b + c), soft[0], 1e-6);
    assertArrayEquals(new float[] {0f, 1f, 0f}, new float[] {soft[3], soft[4], soft[5]});
  }

  @Test
  void theHoldoutIsDrawnPerClassApartFromTheTeachersImagesAndRefusedWhenItTakesAClass() {
    ImageSet pool = TestImages.blobs(4, 12, 7);
    BuildRequest request = new BuildRequest(pool, Optional.empty(), 1, 4, new Seed(3));
    int[][] split = TeacherLabelsBuilder.split(request, request.byClass(), 3);
    assertEquals(36, split[0].length, "teacher's images");
    assertEquals(12, split[1].length, "held-out images");
    Set<Integer> seen = new HashSet<>();
    int[] heldPerClass = new int[4];
    for (int i : split[1]) {
      seen.add(i);
      heldPerClass[pool.labels()[i]]++;
    }
    assertArrayEquals(new int[] {3, 3, 3, 3}, heldPerClass);
    for (int i : split[0]) {
      assertTrue(seen.add(i), "image " + i + " both held out and trained on");
    }
    assertArrayEquals(split[1], TeacherLabelsBuilder.split(request, request.byClass(), 3)[1]);
    BuildRequest other = new BuildRequest(pool, Optional.empty(), 1, 4, new Seed(4));
    assertTrue(
        !java.util.Arrays.equals(
            split[1], TeacherLabelsBuilder.split(other, other.byClass(), 3)[1]),
        "another seed holds out other images");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TeacherLabelsBuilder.split(request, request.byClass(), 12));
    assertTrue(e.getMessage().startsWith("holdout: 12 images"), e.getMessage());
  }

  @Test
  void theLabelsComeFromTheTeacherNotFromTheClassAnImageWasBuiltFor(@TempDir Path dir)
      throws Exception {
    ImageSet pool = TestImages.blobs(4, 30, 7);
    // the start set: one image per class, but the one built for class 0 is a class 1 blob
    int[][] byClass = new BuildRequest(pool, Optional.empty(), 1, 4, new Seed(1)).byClass();
    int[] at = {byClass[1][1], byClass[1][0], byClass[2][0], byClass[3][0]};
    ImageSet picked = pool.select(at);
    ImageSet start =
        new ImageSet(picked.pixels(), new int[] {0, 1, 2, 3}, pool.shape(), picked.sourceIndices());
    BuildRequest request =
        new BuildRequest(pool, Optional.empty(), 1, 4, new Seed(1), Optional.of(start));
    BuiltSet built =
        BUILDER.build(small(15, 1, 5), request, new BuildContext(Progress.NONE, dir, 1));
    float[] soft = built.softLabels();
    assertArrayEquals(new int[] {0, 1, 2, 3}, built.images().labels(), "labels kept");
    assertArrayEquals(start.pixels(), built.images().pixels(), "pixels kept");
    assertTrue(soft[1] > 0.5f, "the class-1 blob built for class 0 is labelled 1: " + soft[1]);
    for (int c = 1; c < 4; c++) {
      assertTrue(soft[c * 4 + c] > 0.5f, "image of class " + c + ": " + soft[c * 4 + c]);
    }
    Map<String, Object> facts = built.facts();
    assertEquals(0.75, (double) facts.get("teacher_agrees"), 1e-9);
    assertTrue((double) facts.get("teacher_accuracy_holdout") >= 0.9, facts.toString());
    assertEquals(20, facts.get("holdout_images"));
    assertEquals(100, facts.get("teacher_train_images"));

    BuiltSet softer =
        BUILDER.build(small(15, 8, 5), request, new BuildContext(Progress.NONE, dir, 1));
    assertTrue(
        (double) softer.facts().get("label_own_class_mean")
            < (double) built.facts().get("label_own_class_mean"),
        "a higher temperature gives softer labels");
  }

  @Test
  void noStartSetAndTeachersThatLearnNoLabelsAreRefusedNamingTheKey(@TempDir Path dir) {
    ImageSet pool = TestImages.blobs(4, 12, 7);
    BuildRequest request = new BuildRequest(pool, Optional.empty(), 1, 4, new Seed(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BUILDER.build(small(1, 4, 2), request, new BuildContext(Progress.NONE, dir, 1)));
    assertTrue(e.getMessage().startsWith("build.start: "), e.getMessage());
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigBinder.bind(
                    BUILDER, Map.of("teacher", Map.of("objective", "simclr")), "datasets.x"));
    assertTrue(bad.getMessage().contains("teacher.objective"), bad.getMessage());
    assertTrue(BUILDER.startsFrom(BUILDER.defaults()) && BUILDER.softLabels(BUILDER.defaults()));
  }
}
