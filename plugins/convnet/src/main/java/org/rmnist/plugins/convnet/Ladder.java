package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.UnlabelledImages;

/**
 * Trains a {@link LadderNet} (Rasmus et al., "Semi-supervised learning with ladder networks",
 * NeurIPS 2015; the fully connected network and vanilla combinator of their MNIST experiments).
 * Each step runs three passes through the encoder: the labelled batch corrupted (Gaussian noise of
 * std {@code noise} added to the input and to every layer's batch-normalised pre-activation), whose
 * output's cross-entropy on the labels is the supervised cost; the unlabelled batch clean, whose
 * normalised pre-activations z(l) are the denoising targets and whose batch statistics update the
 * running ones the trained network predicts with; and the unlabelled batch corrupted. The decoder
 * goes down from the corrupted output: at each layer a combinator g(z~(l), u(l)) estimates the
 * clean z(l) from the corrupted one and from u(l), the batch-normalised projection of the estimate
 * above it; the estimate, normalised by the clean pass's batch statistics, is compared with z(l),
 * and the squared error per unit, times that layer's weight, is the denoising cost. Batch norm uses
 * each pass's own batch statistics. The pool's labels are never read: the type the images come in
 * has none.
 *
 * <p>A step whose loss or gradient is not finite or above {@link #GRADIENT_BOUND}, or whose largest
 * gradient is over {@value #OUTLIER} times the median of the last {@value #RECENT} steps', is
 * computed a second time, on the same images with the same noise, and the second computation is
 * what the step uses ({@code recomputedSteps} in the facts; {@code recomputedAlike} counts those
 * whose largest gradient came out the same twice: real spikes, no fault). A step bad both times is
 * skipped ({@code skippedSteps}): nothing is updated. {@code faults} gives the factor the loss of a
 * step's first computation is multiplied by (steps counted from 1; 1 for none), for tests. Such
 * steps used to come from DJL's scalar overloads, which read freed memory in the backward pass
 * (docs/platform.md, item 12; the costs' weights now go through {@link Torch#times}); the check
 * stays as a guard.
 *
 * <p>After every epoch the fit's state goes to the run's work folder ({@link LadderCheckpoint}); a
 * run interrupted later starts from there ({@code resumedAfterEpoch} in the facts).
 */
record Ladder(
    LadderNet net,
    LadderConfig config,
    NDManager root,
    TrainContext ctx,
    LongToDoubleFunction faults) {
  /** A ladder without injected faults (everything but tests). */
  Ladder(LadderNet net, LadderConfig config, NDManager root, TrainContext ctx) {
    this(net, config, root, ctx, step -> 1);
  }

  /**
   * Steps bad twice (loss or gradient not finite, or a gradient above {@link #GRADIENT_BOUND})
   * tolerated before a tenth of all steps stops a run.
   */
  static final int MAX_SKIPPED = 10;

  /** Largest gradient value a step may have (ordinary steps stay below 1; Adam squares them). */
  static final float GRADIENT_BOUND = 1e6f;

  /** How many recent steps' largest gradients a step's is compared with. */
  static final int RECENT = 100;

  /**
   * How many times the recent median a step's largest gradient may be before the step is computed
   * again (ordinary steps here stay within 0.1-1.5, their median moving slowly).
   */
  static final int OUTLIER = 100;

  /** Trains on {@code train} and the context's unlabelled images; returns the run's facts. */
  Map<String, Object> run(ImageSet train, ImageSet validation) throws java.io.IOException {
    UnlabelledImages pool = ctx.unlabelled();
    if (pool.isEmpty()) {
      throw new IllegalArgumentException(
          "model ladder learns from the run's unlabelled images too, and this run has none: add "
              + "`unlabelled: pool` to the run in the experiment file");
    }
    if (ctx.onTheFly() != OnTheFly.NONE) {
      throw new IllegalArgumentException(
          "model ladder trains on the images as they are (its corruption is its own Gaussian "
              + "noise), and this run distorts them on the fly: remove the run's augment steps");
    }
    if (!pool.shape().equals(train.shape())) {
      throw new IllegalArgumentException(
          "unlabelled images are " + pool.shape() + ", training images " + train.shape());
    }
    Training t = config.training();
    int threads = Fitter.threads(t, ctx);
    return Torch.training(
        threads,
        ctx.seed().derive("engine").intValue(),
        () -> {
          Map<String, Object> facts = loop(train, validation, pool, t);
          facts.put("threads", threads);
          return facts;
        });
  }

  /** One pass through the encoder: per layer its (noisy) normalised pre-activation, and more. */
  private record Pass(NDArray[] z, NDArray[] mean, NDArray[] var, NDArray logits) {}

  private Map<String, Object> loop(
      ImageSet train, ImageSet validation, UnlabelledImages pool, Training t)
      throws java.io.IOException {
    Seed seed = ctx.seed();
    int n = train.size();
    int classes = ctx.classes();
    int size = train.shape().size();
    int ml = t.batchFor(n);
    int mu = Math.min(config.unlabelledBatch(), pool.size());
    int steps = Math.max(1, pool.size() / mu);
    int layers = net.layers();
    int[] widths = net.widths();
    Curve curve = new Curve();
    Progress progress = ctx.progress();
    Map<String, Object> facts = new LinkedHashMap<>();
    String fingerprint =
        config
            + " labelled="
            + n
            + "/"
            + java.util.Arrays.hashCode(train.pixels())
            + "/"
            + java.util.Arrays.hashCode(train.labels())
            + " unlabelled="
            + pool.size()
            + "/"
            + java.util.Arrays.hashCode(pool.pixels())
            + " "
            + seed;
    LadderCheckpoint resumed = resumable(fingerprint, facts);
    int firstEpoch = 0;
    long stepCount = 0;
    int labelledPass = 0;
    int labelledAt = 0;
    double supervisedLast = Double.NaN;
    double denoisingFirst = Double.NaN;
    double denoisingLast = Double.NaN;
    double[] layerCosts = new double[layers + 1];
    long skipped = 0;
    long firstSkipped = -1;
    long recomputed = 0;
    long firstRecomputed = -1;
    long recomputedAlike = 0;
    double secondsBefore = 0;
    Recent recent = new Recent();
    if (resumed != null) {
      int count = net.tensors().length;
      net.replace(resumed.tensors().subList(0, count).toArray(new NDArray[0]));
      firstEpoch = resumed.epochs();
      stepCount = resumed.steps();
      labelledPass = resumed.labelledPass();
      labelledAt = resumed.labelledAt();
      skipped = resumed.skipped();
      firstSkipped = resumed.firstSkipped();
      recomputed = resumed.recomputed();
      firstRecomputed = resumed.firstRecomputed();
      recomputedAlike = resumed.recomputedAlike();
      denoisingFirst = resumed.denoisingFirst();
      secondsBefore = resumed.seconds();
      for (Curve.Point p : resumed.curve()) {
        curve.add(p.epoch(), p.lr(), p.trainLoss(), p.accuracy(), p.loss());
      }
      recent.restore(resumed.recentLargest());
      facts.put("resumedAfterEpoch", firstEpoch);
    }
    long t0 = System.nanoTime();
    int[] labelledOrder = EpochData.permutation(n, seed.derive("labelled", labelledPass).random());
    int lowest = lowestDenoised(config.denoising());
    List<NDArray> parameters = trained(lowest);
    NDArray[] gradients = null;
    try (Optimizer opt = new Optimizer(t, parameters, root)) {
      if (resumed != null) {
        List<NDArray> all = resumed.tensors();
        List<NDArray> moments = all.subList(net.tensors().length, all.size());
        opt.restore(resumed.optimizerSteps(), moments);
        moments.forEach(NDArray::close);
      }
      progress.start("epochs", t.epochs());
      if (firstEpoch > 0) {
        progress.advance(firstEpoch);
      }
      try {
        for (int e = firstEpoch; e < t.epochs(); e++) {
          opt.setLr(config.lrAt(e));
          // the noise of each epoch from its own seed: a resumed fit draws what this one would have
          Torch.seed(seed.derive("noise", e).intValue());
          int[] poolOrder = EpochData.permutation(pool.size(), seed.derive("pool", e).random());
          double supervisedSum = 0;
          double denoisingSum = 0;
          double[] layerSums = new double[layers + 1];
          int counted = 0;
          for (int b = 0; b < steps; b++) {
            float[] labelled = new float[ml * size];
            float[] targets = new float[ml * classes];
            for (int k = 0; k < ml; k++) {
              if (labelledAt == n) {
                labelledOrder =
                    EpochData.permutation(n, seed.derive("labelled", ++labelledPass).random());
                labelledAt = 0;
              }
              int i = labelledOrder[labelledAt++];
              net.writeInput(train, i, labelled, k * size);
              targets[k * classes + train.labels()[i]] = 1f;
            }
            float[] unlabelled = new float[mu * size];
            for (int k = 0; k < mu; k++) {
              System.arraycopy(
                  pool.pixels(), poolOrder[b * mu + k] * size, unlabelled, k * size, size);
            }
            try (NDManager step = root.newSubManager()) {
              NDArray xl = step.create(labelled, net.inputShape(ml));
              NDArray y = step.create(targets, new Shape(ml, classes));
              NDArray xu = step.create(unlabelled, net.inputShape(mu));
              Noise noise = new Noise((float) config.noise());
              Step r =
                  forwardBackward(
                      xl, y, xu, noise, lowest, opt, faults.applyAsDouble(stepCount + 1));
              stepCount++;
              if (gradients == null) {
                gradients = gradients(parameters);
              }
              float largest = r.largest(gradients);
              boolean ordinary = largest <= GRADIENT_BOUND;
              if (!ordinary || recent.isOutlier(largest)) {
                // the same step again, with the same noise: a transient fault of the machine gives
                // other (ordinary) numbers now; a real overflow or a real spike the same ones
                parameters.forEach(Torch::zeroGrad);
                noise.replay();
                float first = largest;
                r = forwardBackward(xl, y, xu, noise, lowest, opt, 1);
                largest = r.largest(gradients);
                ordinary = largest <= GRADIENT_BOUND;
                if (ordinary) {
                  recomputed++;
                  if (Float.compare(first, largest) == 0) {
                    recomputedAlike++;
                  }
                  if (firstRecomputed < 0) {
                    firstRecomputed = stepCount;
                  }
                }
              }
              if (!ordinary) {
                // a step whose loss or gradient is not finite or absurdly large both times: no
                // update (the weights, Adam's moments and the running statistics stay as they
                // were), counted; too many stop the run
                parameters.forEach(Torch::zeroGrad);
                skipped++;
                if (firstSkipped < 0) {
                  firstSkipped = stepCount;
                }
                if (skipped > MAX_SKIPPED && skipped * 10 > stepCount) {
                  throw new IllegalStateException(
                      "ladder: the loss or its gradient was not finite (or above "
                          + (long) GRADIENT_BOUND
                          + ") in "
                          + skipped
                          + " of "
                          + stepCount
                          + " steps, computed twice each (the last at epoch "
                          + (e + 1)
                          + ", step "
                          + (b + 1)
                          + "); lower training.lr or the denoising weights");
                }
                continue;
              }
              recent.add(largest);
              float s = r.supervised().getFloat();
              NDArray loss = r.loss();
              NDArray[] costs = r.costs();
              Pass clean = r.clean();
              opt.step();
              updateRunningStatistics(clean, mu);
              counted++;
              supervisedSum += s;
              denoisingSum += loss.getFloat() - s;
              for (int l = 0; l <= layers; l++) {
                layerSums[l] += costs[l] == null ? 0 : costs[l].getFloat();
              }
            }
          }
          supervisedLast = supervisedSum / Math.max(1, counted);
          denoisingLast = denoisingSum / Math.max(1, counted);
          if (e == 0) {
            denoisingFirst = denoisingLast;
          }
          for (int l = 0; l <= layers; l++) {
            layerCosts[l] = layerSums[l] / Math.max(1, counted);
          }
          double accuracy = Double.NaN;
          double valLoss = Double.NaN;
          boolean evaluate =
              t.evalEvery() > 0 && ((e + 1) % t.evalEvery() == 0 || e == t.epochs() - 1);
          if (evaluate && validation != null && validation.size() > 0) {
            double[] al =
                Inference.accuracyAndLoss(
                    Inference.scores(net, root, validation, classes, true),
                    validation.labels(),
                    classes);
            accuracy = al[0];
            valLoss = al[1];
          }
          curve.add(e + 1, opt.lr(), supervisedLast + denoisingLast, accuracy, valLoss);
          if (e + 1 < t.epochs()) {
            List<NDArray> state = new ArrayList<>(List.of(net.tensors()));
            state.addAll(opt.state());
            new LadderCheckpoint(
                    fingerprint,
                    e + 1,
                    stepCount,
                    opt.steps(),
                    labelledPass,
                    labelledAt,
                    skipped,
                    firstSkipped,
                    recomputed,
                    firstRecomputed,
                    recomputedAlike,
                    denoisingFirst,
                    secondsBefore + (System.nanoTime() - t0) / 1e9,
                    curve.points(),
                    recent.values(),
                    state)
                .write(ctx.workDir());
          }
          progress.report(Progress.LOSS, supervisedLast + denoisingLast);
          progress.advance(1);
        }
      } finally {
        progress.done();
      }
    }
    LadderCheckpoint.delete(ctx.workDir());
    facts.put("objective", "ladder");
    facts.put("epochs", t.epochs());
    facts.put("steps", stepCount);
    facts.put("skippedSteps", skipped);
    if (firstSkipped >= 0) {
      facts.put("firstSkippedStep", firstSkipped);
    }
    facts.put("recomputedSteps", recomputed);
    if (firstRecomputed >= 0) {
      facts.put("firstRecomputedStep", firstRecomputed);
    }
    facts.put("recomputedAlike", recomputedAlike);
    facts.put("labelledPerStep", ml);
    facts.put("unlabelledPerStep", mu);
    facts.put("unlabelledImages", pool.size());
    facts.put("supervisedCostLast", supervisedLast);
    facts.put("denoisingCostFirst", denoisingFirst);
    facts.put("denoisingCostLast", denoisingLast);
    Map<String, Object> perLayer = new LinkedHashMap<>();
    for (int l = 0; l <= layers; l++) {
      perLayer.put("layer" + l + " (" + widths[l] + ")", layerCosts[l]);
    }
    facts.put("denoisingCostPerLayerLast", perLayer);
    facts.put("parameters", net.parameterCount());
    facts.put("trainSeconds", secondsBefore + (System.nanoTime() - t0) / 1e9);
    curve.addFacts(facts, false);
    facts.remove("keepBest");
    facts.put("curveFile", curve.write(ctx.workDir()).toString());
    return facts;
  }

  /**
   * The checkpoint an interrupted fit of this run left in its work folder, or null: none, or one
   * that is unreadable or belongs to another configuration (the reason goes into {@code facts} as
   * {@code checkpointNotUsed}, and the fit starts over).
   */
  private LadderCheckpoint resumable(String fingerprint, Map<String, Object> facts) {
    LadderCheckpoint c;
    try {
      c = LadderCheckpoint.read(ctx.workDir(), root);
    } catch (java.io.IOException e) {
      facts.put("checkpointNotUsed", e.getMessage());
      return null;
    }
    if (c == null) {
      return null;
    }
    int expected = net.tensors().length + 2 * trained(lowestDenoised(config.denoising())).size();
    if (!c.fingerprint().equals(fingerprint) || c.tensors().size() != expected) {
      facts.put(
          "checkpointNotUsed",
          ctx.workDir().resolve(LadderCheckpoint.FILE)
              + " was written for another configuration or data: "
              + c.fingerprint());
      c.tensors().forEach(NDArray::close);
      return null;
    }
    return c;
  }

  /**
   * The largest gradient of the last {@value #RECENT} steps that trained: a step whose largest
   * gradient is over {@value #OUTLIER} times their median is computed again (on this project's
   * virtualised machines faults come in every size, not only above {@link #GRADIENT_BOUND}).
   */
  static final class Recent {
    private final double[] values = new double[RECENT];
    private int count;

    void add(float largest) {
      values[count % RECENT] = largest;
      count++;
    }

    /** Whether {@code largest} is far above the recent steps' (never before RECENT steps). */
    boolean isOutlier(float largest) {
      if (count < RECENT) {
        return false;
      }
      double[] sorted = values.clone();
      java.util.Arrays.sort(sorted);
      double median = (sorted[RECENT / 2 - 1] + sorted[RECENT / 2]) / 2;
      return largest > OUTLIER * median;
    }

    double[] values() {
      double[] v = new double[RECENT + 1];
      System.arraycopy(values, 0, v, 0, RECENT);
      v[RECENT] = count;
      return v;
    }

    void restore(double[] saved) {
      System.arraycopy(saved, 0, values, 0, RECENT);
      count = (int) saved[RECENT];
    }
  }

  /**
   * One step's computation: its loss, the labelled part of it, the layers' costs, the clean pass.
   */
  private record Step(NDArray loss, NDArray supervised, NDArray[] costs, Pass clean) {
    /** The largest gradient value in size; NaN when the loss or a gradient is not finite. */
    float largest(NDArray[] gradients) {
      return Float.isFinite(loss.getFloat()) ? Ladder.largest(gradients) : Float.NaN;
    }
  }

  /**
   * The three passes, the decoder and the costs of one step on the labelled batch {@code xl} (with
   * one-hot {@code y}) and the unlabelled batch {@code xu}, then the backward pass; {@code fault}
   * multiplies the loss before it (1: nothing; else a bad first computation, for tests).
   */
  private Step forwardBackward(
      NDArray xl, NDArray y, NDArray xu, Noise noise, int lowest, Optimizer opt, double fault) {
    int layers = net.layers();
    int ml = Math.toIntExact(xl.getShape().get(0));
    List<Double> lambda = config.denoising();
    NDManager step = xl.getManager();
    NDArray[] costs = new NDArray[layers + 1];
    try (GradientCollector collector = Torch.engine().newGradientCollector()) {
      Pass noisyLabelled = encode(xl, noise);
      NDArray supervised = Torch.over(noisyLabelled.logits().logSoftmax(1).mul(y).sum(), -ml);
      Pass clean = encode(xu, null);
      Pass noisy = encode(xu, noise);
      NDArray loss = supervised;
      NDArray above = null;
      for (int l = layers; l >= lowest; l--) {
        NDArray u =
            l == layers
                ? normalise(noisy.logits().softmax(1))
                : normalise(above.matMul(owned(net.down(l + 1).transpose(), step)));
        NDArray estimate = combine(noisy.z()[l], u, net.combinator(l));
        above = estimate;
        if (lambda.get(l) == 0) {
          continue;
        }
        NDArray normalised =
            l == 0 ? estimate : estimate.sub(clean.mean()[l]).div(clean.var()[l].add(eps()).sqrt());
        costs[l] = normalised.sub(clean.z()[l]).square().mean();
        loss = loss.add(Torch.times(costs[l], lambda.get(l).floatValue()));
      }
      if (fault != 1) {
        loss = Torch.times(loss, (float) fault);
      }
      Torch.backward(loss, opt.seed());
      return new Step(loss, supervised, costs, clean);
    }
  }

  /**
   * The Gaussian noise of one step's corrupted passes, in the order drawn; {@link #replay()} hands
   * the same values out again, so a step computed twice sees the same noise.
   */
  static final class Noise {
    private final float std;
    private final List<NDArray> drawn = new ArrayList<>();
    private int next = -1;

    Noise(float std) {
      this.std = std;
    }

    NDArray add(NDArray x) {
      NDArray n;
      if (next < 0) {
        n = x.getManager().randomNormal(0f, std, x.getShape(), DataType.FLOAT32);
        drawn.add(n);
      } else {
        n = drawn.get(next++);
      }
      return x.add(n);
    }

    void replay() {
      next = 0;
    }
  }

  /**
   * The largest value in size of the last backward pass's gradients; NaN when one is NaN, infinite
   * when one is. A step is used only when this is within {@link #GRADIENT_BOUND}: a single gradient
   * of 1e33 (seen here, with an ordinary loss) would overflow Adam's second moment, after which
   * that weight never moves again.
   */
  static float largest(NDArray[] gradients) {
    float largest = 0;
    for (NDArray g : gradients) {
      try (NDArray abs = g.abs();
          NDArray max = abs.max()) {
        float m = max.getFloat();
        if (Float.isNaN(m)) {
          return Float.NaN;
        }
        largest = Math.max(largest, m);
      }
    }
    return largest;
  }

  /**
   * The gradient handles of {@code parameters}, fetched after the first backward pass and kept:
   * PyTorch accumulates into the same tensors, which the optimiser zeroes in place.
   */
  private static NDArray[] gradients(List<NDArray> parameters) {
    NDArray[] gradients = new NDArray[parameters.size()];
    for (int i = 0; i < gradients.length; i++) {
      gradients[i] = Torch.gradient(parameters.get(i));
    }
    return gradients;
  }

  /** The lowest layer with a denoising cost; {@code denoising.size()} when none has one. */
  static int lowestDenoised(List<Double> denoising) {
    for (int l = 0; l < denoising.size(); l++) {
      if (denoising.get(l) > 0) {
        return l;
      }
    }
    return denoising.size();
  }

  /**
   * The trainable tensors that reach the loss: the decoder below the lowest denoised layer would
   * get no gradient (all weights 0 but the top's is the paper's Gamma model, no decoder at all).
   */
  private List<NDArray> trained(int lowest) {
    List<NDArray> list = new ArrayList<>(net.parameters());
    for (int l = 0; l < Math.min(lowest, net.layers() + 1); l++) {
      NDArray unused = net.combinator(l);
      list.removeIf(p -> p == unused);
    }
    for (int l = 1; l <= Math.min(lowest, net.layers()); l++) {
      NDArray unused = net.down(l);
      list.removeIf(p -> p == unused);
    }
    return list;
  }

  /**
   * The encoder on {@code x}: with {@code noise} (input and every normalised pre-activation plus
   * N(0, noise²)) or clean ({@code null}); batch norm with this batch's statistics.
   */
  private Pass encode(NDArray x, Noise noise) {
    boolean noisy = noise != null;
    int layers = net.layers();
    NDArray[] z = new NDArray[layers + 1];
    NDArray[] mean = new NDArray[layers + 1];
    NDArray[] var = new NDArray[layers + 1];
    NDArray h = noisy ? noise.add(x) : x;
    z[0] = h;
    NDArray logits = null;
    for (int l = 1; l <= layers; l++) {
      NDArray pre = h.matMul(owned(net.weight(l).transpose(), h.getManager()));
      mean[l] = pre.mean(new int[] {0}, true);
      NDArray centred = pre.sub(mean[l]);
      var[l] = centred.square().mean(new int[] {0}, true);
      NDArray normalised = centred.div(var[l].add(eps()).sqrt());
      z[l] = noisy ? noise.add(normalised) : normalised;
      if (l < layers) {
        h = Activation.relu(z[l].add(net.beta(l)));
      } else {
        logits = z[l].mul(net.gamma(l)).add(net.beta(l));
      }
    }
    return new Pass(z, mean, var, logits);
  }

  /** Batch normalisation without scale or shift (the decoder's). */
  private static NDArray normalise(NDArray x) {
    NDArray centred = x.sub(x.mean(new int[] {0}, true));
    return centred.div(centred.square().mean(new int[] {0}, true).add(eps()).sqrt());
  }

  /**
   * The vanilla combinator: per unit, mu = a1·σ(a2·u + a3) + a4·u + a5, v = a6·σ(a7·u + a8) + a9·u
   * + a10, and the estimate (z~ - mu)·v + mu; {@code a} holds a1..a10 as rows.
   */
  static NDArray combine(NDArray corrupted, NDArray u, NDArray a) {
    NDManager m = u.getManager();
    NDArray[] r = new NDArray[10];
    for (int k = 0; k < 10; k++) {
      r[k] = owned(a.get(k), m);
    }
    NDArray mu = Activation.sigmoid(u.mul(r[1]).add(r[2])).mul(r[0]).add(u.mul(r[3])).add(r[4]);
    NDArray v = Activation.sigmoid(u.mul(r[6]).add(r[7])).mul(r[5]).add(u.mul(r[8])).add(r[9]);
    return corrupted.sub(mu).mul(v).add(mu);
  }

  /**
   * {@code view} (a view of a parameter, which DJL attaches to the parameter's manager) handed to
   * {@code manager}, so that it is freed with the step's other temporaries instead of piling up
   * beside the parameters for the whole fit.
   */
  private static NDArray owned(NDArray view, NDManager manager) {
    view.attach(manager);
    return view;
  }

  /** PyTorch's: running = 0.9·running + 0.1·batch, the variance unbiased. */
  private void updateRunningStatistics(Pass clean, int batch) {
    double unbias = batch > 1 ? batch / (batch - 1.0) : 1;
    for (int l = 1; l <= net.layers(); l++) {
      NDArray m = clean.mean()[l].stopGradient().reshape(-1);
      NDArray v = clean.var()[l].stopGradient().reshape(-1);
      net.runningMean(l).muli(0.9f).addi(m.mul(0.1f));
      net.runningVar(l).muli(0.9f).addi(v.mul((float) (0.1 * unbias)));
    }
  }

  private static float eps() {
    return (float) Net.BN_EPSILON;
  }
}
