package org.rmnist.plugins.convnet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;

/**
 * The training loop: per epoch the on-the-fly hook, the batch order (fixed or reshuffled), one
 * upload of the epoch's data, then per step forward, backward and a fused update in a native
 * sub-manager; optional validation curve, best-epoch restore and scikit-learn's loss-stall stop.
 * Each epoch is reported to the context's progress with its training loss (the epoch's mean when it
 * is tracked, else the last batch's) and the validation accuracy when it was evaluated.
 */
final class Fitter {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private final Net net;
  private final NDManager root;
  private final Training t;
  private final TrainContext ctx;
  private final int classes;

  Fitter(Net net, NDManager root, Training t, TrainContext ctx) {
    this.net = net;
    this.root = root;
    this.t = t;
    this.ctx = ctx;
    this.classes = ctx.classes();
  }

  /** The thread count a run uses: the config's, or the context's when the config says 0. */
  static int threads(Training t, TrainContext ctx) {
    return t.threads() == 0 ? ctx.threads() : t.threads();
  }

  /** Trains {@code net} in place; returns the facts of the run. */
  Map<String, Object> run(ImageSet train, ImageSet validation) throws IOException {
    check(train, validation);
    int threads = threads(t, ctx);
    return Torch.training(
        threads,
        ctx.seed().derive("engine").intValue(),
        () -> {
          Map<String, Object> facts = loop(train, validation);
          facts.put("threads", threads);
          return facts;
        });
  }

  private Map<String, Object> loop(ImageSet train, ImageSet validation) throws IOException {
    Seed seed = ctx.seed();
    int n = train.size();
    int batch = t.batchFor(n);
    int[] bounds = EpochData.bounds(n, batch);
    int[] fixed =
        t.fixedBatches() ? EpochData.permutation(n, seed.derive("shuffle").random()) : null;
    Engine engine = Torch.engine();
    Optimizer opt = new Optimizer(t, net.parameters(), root);
    Curve curve = new Curve();
    Stall stall = new Stall(t.tol(), t.stopPatience());
    NDArray[] best = null;
    EpochData.Inputs inputs = null;
    long trainNanos = 0;
    long trainCpuNanos = 0;
    long evalNanos = 0;
    int epochs = 0;
    Map<String, Object> facts = new LinkedHashMap<>();
    Progress progress = ctx.progress();
    // without a tracked loss, the last batch's loss is read once per epoch, only for a display
    boolean shown = progress != Progress.NONE;
    progress.start("epochs", t.epochs());
    try {
      for (int e = 0; e < t.epochs(); e++) {
        opt.setLr(t.lrAt(e));
        ImageSet images = epochImages(train, e);
        int[] order =
            fixed != null ? fixed : EpochData.permutation(n, seed.derive("shuffle", e).random());
        boolean periodic = t.evalEvery() > 0 && (e + 1) % t.evalEvery() == 0;
        boolean track = t.evalEvery() > 0 || t.stopPatience() > 0;
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        double loss = Double.NaN;
        if (inputs == null || !inputs.holds(images, order)) {
          if (inputs != null) {
            inputs.close();
          }
          inputs = EpochData.upload(root, net, images, order, bounds, classes, ctx.softLabels());
        }
        try (EpochData d =
            EpochData.build(root, inputs, net, bounds, seed.derive("dropout", e).random())) {
          NDArray sum = track ? d.manager().zeros(new Shape()) : null;
          double lastBatch = Double.NaN;
          for (int b = 0; b < d.batches(); b++) {
            lastBatch = step(engine, d, b, opt, sum, shown && !track && b == d.batches() - 1);
          }
          loss = track ? sum.getFloat() / n : Double.NaN;
          progress.report(Progress.LOSS, track ? loss : lastBatch);
        }
        trainNanos += System.nanoTime() - t0;
        trainCpuNanos += CPU.getCurrentThreadCpuTime() - c0;
        epochs = e + 1;
        boolean stop = stall.stalled(loss);
        boolean last = stop || e == t.epochs() - 1;
        if (t.evalEvery() > 0 && (periodic || last)) {
          long v0 = System.nanoTime();
          double[] al =
              Inference.accuracyAndLoss(
                  Inference.scores(net, root, validation, classes, true),
                  validation.labels(),
                  classes);
          evalNanos += System.nanoTime() - v0;
          curve.add(epochs, opt.lr(), loss, al[0], al[1]);
          progress.report(Progress.VALIDATION_ACCURACY, al[0]);
          if (t.keepBest() && curve.isBest(epochs)) {
            best = snapshot(best);
          }
        } else if (track) {
          curve.add(epochs, opt.lr(), loss, Double.NaN, Double.NaN);
        }
        progress.advance(1);
        if (stop) {
          break;
        }
      }
    } finally {
      if (inputs != null) {
        facts.put("patchInputs", inputs.patches());
        inputs.close();
      }
      opt.close();
      progress.done();
    }
    if (best != null) {
      net.replace(best);
    }
    facts.put("epochs", epochs);
    facts.put("epochsPlanned", t.epochs());
    facts.put("labels", ctx.softLabels() == null ? "hard" : "soft");
    facts.put("steps", opt.steps());
    facts.put("batchSize", batch);
    facts.put("fixedBatches", t.fixedBatches());
    facts.put("trainImages", n);
    facts.put("parameters", net.parameterCount());
    facts.put("finalLr", opt.lr());
    facts.put("trainSeconds", trainNanos / 1e9);
    facts.put("evalSeconds", evalNanos / 1e9);
    facts.put("msPerStep", opt.steps() == 0 ? 0 : trainNanos / 1e6 / opt.steps());
    // CPU time of the training thread: robust to a busy machine; all of it with 1 intra-op thread
    facts.put("cpuMsPerStep", opt.steps() == 0 ? 0 : trainCpuNanos / 1e6 / opt.steps());
    if (t.stopPatience() > 0) {
      facts.put("stoppedEarly", stall.stopped());
    }
    curve.addFacts(facts, t.keepBest());
    if (!curve.isEmpty()) {
      facts.put("curveFile", curve.write(ctx.workDir()).toString());
    }
    return facts;
  }

  /** One step; returns the batch's loss when {@code read}, else NaN (reading it waits for it). */
  private double step(Engine engine, EpochData d, int b, Optimizer opt, NDArray sum, boolean read) {
    try (NDManager step = d.manager().newSubManager()) {
      NDArray x = d.inputs(b, step);
      NDArray weights = d.weights(b, step);
      NDList masks = d.masks(b, step);
      NDArray loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        loss = net.forward(x, true, masks).logSoftmax(1).mul(weights).sum();
        NDArray penalty = net.penalty(step, d.batchSize(b));
        if (penalty != null) {
          loss = loss.add(penalty);
        }
        Torch.backward(loss, opt.seed());
      }
      if (sum != null) {
        sum.addi(loss.mul(d.batchSize(b)));
      }
      opt.step();
      return read ? loss.getFloat() : Double.NaN;
    }
  }

  private ImageSet epochImages(ImageSet train, int epoch) {
    ImageSet images = ctx.onTheFly().epoch(train, epoch);
    if (images.size() != train.size() || !images.shape().equals(train.shape())) {
      throw new IllegalStateException(
          "on-the-fly augmentation returned "
              + images.size()
              + " images of "
              + images.shape()
              + " for epoch "
              + epoch
              + ", expected "
              + train.size()
              + " of "
              + train.shape());
    }
    return images;
  }

  /** Copies every tensor (autograd is off here), closing the previous copy. */
  private NDArray[] snapshot(NDArray[] previous) {
    if (previous != null) {
      for (NDArray a : previous) {
        a.close();
      }
    }
    NDArray[] now = net.tensors();
    NDArray[] copy = new NDArray[now.length];
    for (int k = 0; k < now.length; k++) {
      copy[k] = now[k].duplicate();
      copy[k].setName(now[k].getName());
    }
    return copy;
  }

  private void check(ImageSet train, ImageSet validation) {
    if (train.size() == 0) {
      throw new IllegalArgumentException("the training set is empty");
    }
    float[] soft = ctx.softLabels();
    if (soft != null && soft.length != (long) train.size() * classes) {
      throw new IllegalArgumentException(
          "soft labels: "
              + soft.length
              + " values for "
              + train.size()
              + " training images of "
              + classes
              + " classes");
    }
    for (int label : train.labels()) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "training label " + label + " is outside 0.." + (classes - 1));
      }
    }
    if (t.evalEvery() > 0) {
      if (validation == null || validation.size() == 0) {
        throw new IllegalArgumentException(
            "evalEvery: " + t.evalEvery() + " needs a validation set, got none");
      }
      if (!validation.shape().equals(train.shape())) {
        throw new IllegalArgumentException(
            "validation images are " + validation.shape() + ", training images " + train.shape());
      }
    }
  }

  /** scikit-learn's MLP stopping rule on the epoch's mean training loss. */
  static final class Stall {
    private final double tol;
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int count;
    private boolean stopped;

    Stall(double tol, int patience) {
      this.tol = tol;
      this.patience = patience;
    }

    /** Records an epoch's loss; true when training should stop now. */
    boolean stalled(double loss) {
      if (patience == 0) {
        return false;
      }
      count = loss > best - tol ? count + 1 : 0;
      best = Math.min(best, loss);
      stopped = count > patience;
      return stopped;
    }

    boolean stopped() {
      return stopped;
    }
  }
}
