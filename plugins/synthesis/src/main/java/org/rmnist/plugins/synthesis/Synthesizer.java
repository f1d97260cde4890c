package org.rmnist.plugins.synthesis;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;

/**
 * The loop both synthesis builders share: synthetic images (N per class, class-major) start from
 * real pool images or noise; each step draws a real batch of every class, a fresh random ConvNet
 * (or, with {@code nets: trained}, one from a {@link NetQueue} of networks being trained on the
 * pool) and one augmentation, embeds both sides, and lets the {@link Objective} score the
 * embeddings (plus, with {@code ce}, the synthetic images' cross-entropy under the drawn network's
 * classifier); Adam moves the synthetic pixels down the gradient, then they are clipped to [0, 1].
 */
final class Synthesizer {
  static final String ENGINE = "PyTorch";

  /** libtorch's thread count and autograd state are process-wide: one build at a time. */
  private static final ReentrantLock LOCK = new ReentrantLock();

  /** The loss of one step. */
  interface Objective {
    /**
     * A scalar loss from the real batch's embedding ({@code classes × realBatch} rows, class-major,
     * no gradient), the synthetic set's ({@code classes × n} rows, class-major) and the synthetic
     * rows' centred targets ({@code classes × n} by {@code classes}: one-hot or learned
     * probabilities, less 1/classes).
     */
    NDArray loss(
        NDArray real, NDArray synthetic, NDArray synLabels, int classes, int realBatch, int n);
  }

  /** Centred one-hot labels of {@code per} images of each class, class-major. */
  static NDArray centredOneHot(NDManager m, int classes, int per) {
    float[] y = new float[classes * per * classes];
    for (int i = 0; i < classes * per; i++) {
      for (int k = 0; k < classes; k++) {
        y[i * classes + k] = (k == i / per ? 1f : 0f) - 1f / classes;
      }
    }
    return m.create(y, new Shape((long) classes * per, classes));
  }

  private Synthesizer() {}

  static BuiltSet run(
      String id, SynthesisConfig c, BuildRequest r, BuildContext ctx, Objective objective)
      throws IOException {
    int[][] byClass = r.byClass();
    r.requireEnough(byClass);
    if (!Engine.getAllEngines().contains(ENGINE)) {
      throw new IllegalStateException(
          "DJL engine '"
              + ENGINE
              + "' not found (engines: "
              + Engine.getAllEngines()
              + "); pytorch-engine, pytorch-jni and pytorch-native-cpu belong on the host's class "
              + "path");
    }
    Engine engine = Engine.getEngine(ENGINE);
    LOCK.lock();
    int threadsBefore = JniUtils.getNumThreads();
    try {
      JniUtils.setNumThreads(c.threads());
      return loop(engine, id, c, r, ctx, objective, byClass);
    } finally {
      JniUtils.setNumThreads(threadsBefore);
      LOCK.unlock();
    }
  }

  private static BuiltSet loop(
      Engine engine,
      String id,
      SynthesisConfig c,
      BuildRequest r,
      BuildContext ctx,
      Objective objective,
      int[][] byClass)
      throws IOException {
    long t0 = System.nanoTime();
    ImageSet pool = r.pool();
    ImageShape shape = pool.shape();
    int classes = r.classes();
    int n = r.n();
    int batch = c.realBatch();
    Seed seed = r.seed();
    Shape synShape = new Shape((long) classes * n, shape.channels(), shape.height(), shape.width());
    Shape realShape =
        new Shape((long) classes * batch, shape.channels(), shape.height(), shape.width());
    float[] start = start(c, r, byClass, seed.derive("init").random());
    double[] losses = new double[c.iterations()];
    double[] ceLosses = new double[c.iterations()];
    double[] netAccuracy = new double[c.iterations()];
    Arrays.fill(ceLosses, Double.NaN);
    Arrays.fill(netAccuracy, Double.NaN);
    Progress progress = ctx.progress();
    Files.createDirectories(ctx.workDir());
    float[] result;
    float[] soft;
    int skipped = 0;
    int firstSkipped = -1;
    double labelScale;
    try (NDManager m = engine.newBaseManager();
        Writer curve =
            Files.newBufferedWriter(
                ctx.workDir().resolve(id + "-curve.csv"), StandardCharsets.UTF_8)) {
      curve.write("iteration,loss\n");
      NDArray syn = m.create(start, synShape);
      AdamMoments pixelMoments = new AdamMoments(m.zeros(synShape), m.zeros(synShape));
      NDArray hard = centredOneHot(m, classes, n);
      NDArray oneHot = hard.add(1f / classes);
      NetQueue queue = c.trainsNets() ? new NetQueue(m, shape, c, classes) : null;
      LearnedLabels learned = c.learnsLabels() ? LearnedLabels.start(m, classes, n) : null;
      progress.start("steps", c.iterations());
      try {
        for (int it = 0; it < c.iterations(); it++) {
          NDArray old = syn;
          try (NDManager step = m.newSubManager()) {
            syn.tempAttach(step);
            syn.setRequiresGradient(true);
            if (learned != null) {
              learned.track(step);
            }
            NDArray real =
                step.create(
                    realBatch(pool, byClass, batch, seed.derive("real", it).random()), realShape);
            NetQueue.Member member = null;
            RandomConvNet net;
            if (queue != null) {
              queue.grow(it, seed);
              member = queue.draw(seed.derive("queue-draw", it).random());
              net = member.net();
            } else {
              net =
                  RandomConvNet.draw(
                      step, shape, c.width(), c.depth(), seed.derive("net", it).random());
            }
            Augment aug =
                Augment.draw(
                    c.augment(),
                    c.warp(),
                    seed.derive("augment", it).random(),
                    shape.height(),
                    shape.width());
            // the real side needs no gradient; in chunks of one class its activations stay in
            // cache (one pass over all classes' images at once is several times slower)
            NDArray er = embedInChunks(net, aug, real, batch);
            NDArray loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
              NDArray es = net.embed(aug.apply(syn));
              NDArray targets = learned == null ? hard : learned.targets();
              loss = objective.loss(er, es, targets, classes, batch, n);
              if (member != null && c.ce() > 0 && member.accuracy() > 0) {
                // Σ over classes of the mean cross-entropy of the class's synthetic images
                NDArray ce =
                    Scalars.over(member.logits(es).logSoftmax(1).mul(oneHot).sum(), -(float) n);
                ceLosses[it] = ce.getFloat();
                loss = loss.add(Scalars.times(ce, (float) (c.ce() * member.accuracy())));
              }
              collector.backward(loss);
            }
            losses[it] = loss.getFloat();
            NDArray grad = syn.getGradient();
            if (Float.isFinite((float) losses[it])
                && finite(grad)
                && (learned == null || learned.finiteGradients())) {
              NDArray next = pixelMoments.next(syn, grad, c.lr(), it, step).clip(0f, 1f);
              next.attach(m);
              syn = next;
              if (learned != null) {
                learned.step(it, c.labelLr(), step, m);
              }
              if (queue != null) {
                queue.train(engine, step, pool, byClass, seed.derive("queue-train", it).random());
                netAccuracy[it] = queue.lastAccuracy();
              }
            } else {
              // one step whose loss or gradient overflowed would turn every pixel into NaN for
              // good (Adam's moments keep it): skip it, moments untouched, and count it
              skipped++;
              firstSkipped = firstSkipped < 0 ? it + 1 : firstSkipped;
              losses[it] = Double.NaN;
              NDArray same = syn.stopGradient().duplicate();
              same.attach(m);
              syn = same;
            }
          }
          if (skipped > Math.max(10, c.iterations() / 10)) {
            throw new IllegalStateException(
                String.format(
                    Locale.ROOT,
                    "%s: the loss or its gradient was not finite in %d of the first %d steps "
                        + "(first at step %d); lower lr (now %s) or realBatch (now %d)",
                    id,
                    skipped,
                    it + 1,
                    firstSkipped,
                    c.lr(),
                    batch));
          }
          old.close();
          if (learned != null) {
            learned.closeOld();
          }
          if (it % 50 == 0 || it == c.iterations() - 1) {
            curve.write(String.format(Locale.ROOT, "%d,%.6g%n", it + 1, losses[it]));
            curve.flush(); // readable while the build runs
            progress.report(Progress.LOSS, mean(losses, Math.max(0, it - 49), it + 1));
          }
          progress.advance(1);
        }
      } finally {
        progress.done();
      }
      result = syn.toFloatArray();
      soft = learned == null ? null : learned.soft();
      labelScale = learned == null ? 1 : learned.scale();
    }
    int[] labels = new int[classes * n];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i / n;
    }
    int[] source = new int[labels.length];
    Arrays.fill(source, -1);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("method", id);
    facts.put("iterations", c.iterations());
    facts.put("init", c.init());
    facts.put("width", c.width());
    facts.put("warp", c.warp());
    facts.put("match", c.match());
    facts.put("real_batch", batch);
    double lossFirst = mean(losses, 0, Math.min(50, losses.length));
    double lossLast = mean(losses, Math.max(0, losses.length - 50), losses.length);
    facts.put("loss_first", lossFirst);
    facts.put("loss_last", lossLast);
    // a build whose loss ended above where it began went wrong (lr too large, most often)
    facts.put("loss_rose", lossLast > lossFirst);
    facts.put("labels", c.labels());
    facts.put("nets", c.nets());
    if (c.trainsNets()) {
      facts.put("net_queue", c.netQueue());
      facts.put("net_every", c.netEvery());
      facts.put("net_batch", c.netBatch());
      facts.put("net_steps", c.netSteps());
      facts.put("net_lr", c.netLr());
      facts.put("ce", c.ce());
      int last = Math.max(0, losses.length - 50);
      facts.put("net_accuracy_last", mean(netAccuracy, last, losses.length));
      if (c.ce() > 0) {
        facts.put("ce_first", mean(ceLosses, 0, Math.min(50, losses.length)));
        facts.put("ce_last", mean(ceLosses, last, losses.length));
      }
    }
    facts.put("skipped_steps", skipped);
    if (skipped > 0) {
      facts.put("first_skipped_step", firstSkipped);
    }
    if (soft != null) {
      double own = 0;
      for (int i = 0; i < labels.length; i++) {
        own += soft[i * classes + labels[i]];
      }
      facts.put("label_own_class_mean", own / labels.length);
      facts.put("label_scale", labelScale);
    }
    facts.put("synthesis_seconds", (System.nanoTime() - t0) / 1e9);
    return new BuiltSet(new ImageSet(result, labels, shape, source), facts, soft);
  }

  /** The embedding of {@code real}, {@code chunk} images at a time, concatenated. */
  private static NDArray embedInChunks(RandomConvNet net, Augment aug, NDArray real, int chunk) {
    long rows = real.getShape().get(0);
    NDList parts = new NDList();
    for (long from = 0; from < rows; from += chunk) {
      long to = Math.min(rows, from + chunk);
      parts.add(net.embed(aug.apply(real.get(new NDIndex("{}:{}", from, to)))));
    }
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
  }

  /**
   * The starting pixels, class-major: n random pool images per class, uniform noise, or the
   * request's start set (each class's images in the order given).
   */
  private static float[] start(
      SynthesisConfig c, BuildRequest r, int[][] byClass, SplittableRandom random) {
    ImageSet pool = r.pool();
    int n = r.n();
    int size = pool.shape().size();
    float[] px = new float[byClass.length * n * size];
    switch (c.init()) {
      case "noise" -> {
        for (int i = 0; i < px.length; i++) {
          px[i] = (float) random.nextDouble();
        }
      }
      case "start" -> {
        ImageSet from =
            r.start()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "init: start, but no start set was given; name the builder that makes"
                                + " it in the data set's build.start"));
        int[] at = new int[byClass.length];
        for (int i = 0; i < from.size(); i++) {
          int k = from.labels()[i];
          System.arraycopy(from.pixels(), from.offset(i), px, (k * n + at[k]++) * size, size);
        }
      }
      default -> {
        for (int k = 0; k < byClass.length; k++) {
          int[] rows = byClass[k].clone();
          for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(rows.length - i);
            int tmp = rows[i];
            rows[i] = rows[j];
            rows[j] = tmp;
            System.arraycopy(pool.pixels(), pool.offset(rows[i]), px, (k * n + i) * size, size);
          }
        }
      }
    }
    return px;
  }

  /** {@code batch} pool images of every class, drawn with replacement, class-major. */
  private static float[] realBatch(
      ImageSet pool, int[][] byClass, int batch, SplittableRandom random) {
    int size = pool.shape().size();
    float[] px = new float[byClass.length * batch * size];
    for (int k = 0; k < byClass.length; k++) {
      for (int i = 0; i < batch; i++) {
        int row = byClass[k][random.nextInt(byClass[k].length)];
        System.arraycopy(pool.pixels(), pool.offset(row), px, (k * batch + i) * size, size);
      }
    }
    return px;
  }

  /** The mean of the finite values of {@code v[from, to)} (skipped steps hold NaN). */
  private static double mean(double[] v, int from, int to) {
    double s = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      if (Double.isFinite(v[i])) {
        s += v[i];
        count++;
      }
    }
    return count > 0 ? s / count : Double.NaN;
  }

  /** Whether every value of {@code a} is finite (no NaN, no infinity). */
  static boolean finite(NDArray a) {
    return a.sub(a).eq(0f).all().getBoolean();
  }
}
