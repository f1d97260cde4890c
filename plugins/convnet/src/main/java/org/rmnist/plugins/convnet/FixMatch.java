package org.rmnist.plugins.convnet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.UnlabelledImages;

/**
 * {@code convnet} with objective {@code fixmatch} (Sohn et al., "FixMatch: simplifying
 * semi-supervised learning with consistency and confidence", NeurIPS 2020). Each step takes a batch
 * of labelled images (through the run's onTheFly steps, cross-entropy on their labels) and {@code
 * ratio} times as many unlabelled images in two views: a weak one (a random shift of up to {@code
 * weak} pixels) and a strong one (the run's onTheFly steps). Where the network's softmax on the
 * weak view reaches {@code threshold}, its argmax is asked of the strong view (cross-entropy,
 * weight {@code weight}, averaged over all the batch's unlabelled images); the weak view's
 * prediction carries no gradient and is made without dropout. The three go through the network as
 * one batch, so batch norm sees them together. With {@code ema}, the trained model is an
 * exponential moving average of the weights ({@link Ema}), as the paper evaluates. The pool's
 * labels are never read: the type the images come in has none.
 */
record FixMatch(ConvNet net, ConvnetConfig config, NDManager root, TrainContext ctx) {

  /** Trains on {@code train} and the context's unlabelled images; returns the run's facts. */
  Map<String, Object> run(ImageSet train) throws java.io.IOException {
    UnlabelledImages pool = ctx.unlabelled();
    if (pool.isEmpty()) {
      throw new IllegalArgumentException(
          "objective: fixmatch learns from the run's unlabelled images too, and this run has "
              + "none: add `unlabelled: pool` to the run in the experiment file");
    }
    if (ctx.onTheFly() == OnTheFly.NONE) {
      throw new IllegalArgumentException(
          "objective: fixmatch's strong view is made by the run's onTheFly steps, and this run "
              + "has none: add some (e.g. best.yaml's affine, elastic and intensity)");
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
          Map<String, Object> facts = loop(train, pool, t);
          facts.put("threads", threads);
          return facts;
        });
  }

  private Map<String, Object> loop(ImageSet train, UnlabelledImages pool, Training t)
      throws java.io.IOException {
    Semi s = config.semi();
    Seed seed = ctx.seed();
    Engine engine = Torch.engine();
    OnTheFly views = ctx.onTheFly();
    int n = train.size();
    int classes = ctx.classes();
    int batch = t.batchFor(n);
    int[] bounds = EpochData.bounds(n, batch);
    int batches = bounds.length - 1;
    int size = train.shape().size();
    Curve curve = new Curve();
    Progress progress = ctx.progress();
    long t0 = System.nanoTime();
    long steps = 0;
    long unlabelledSeen = 0;
    double confidentTotal = 0;
    int[] poolOrder = EpochData.permutation(pool.size(), seed.derive("pool", 0).random());
    int poolPass = 0;
    int poolAt = 0;
    try (Optimizer opt = new Optimizer(t, net.parameters(), root);
        Ema ema = s.ema() > 0 ? new Ema(net.parameters(), s.ema(), root) : null) {
      progress.start("epochs", t.epochs());
      try {
        for (int e = 0; e < t.epochs(); e++) {
          opt.setLr(t.lrAt(e));
          ImageSet epochImages = views.epoch(train, e);
          int[] order = EpochData.permutation(n, seed.derive("shuffle", e).random());
          double lossSum = 0;
          double confident = 0;
          int unlabelledThisEpoch = 0;
          for (int b = 0; b < batches; b++) {
            int ml = bounds[b + 1] - bounds[b];
            int mu = ml * s.ratio();
            int[] positions = new int[mu];
            for (int k = 0; k < mu; k++) {
              if (poolAt == poolOrder.length) {
                poolOrder =
                    EpochData.permutation(pool.size(), seed.derive("pool", ++poolPass).random());
                poolAt = 0;
              }
              positions[k] = poolOrder[poolAt++];
            }
            ImageSet unlabelled = pool.select(positions).asImageSet();
            ImageSet strong = views.epoch(unlabelled, t.epochs() + e * batches + b);
            float[] input = new float[(ml + 2 * mu) * size];
            float[] targets = new float[ml * classes];
            for (int k = 0; k < ml; k++) {
              int i = order[bounds[b] + k];
              net.writeInput(epochImages, i, input, k * size);
              targets[k * classes + train.labels()[i]] = 1f;
            }
            float[] weak = shifted(unlabelled, s.weak(), seed.derive("weak", e, b).random());
            ImageSet weakSet =
                new ImageSet(
                    weak, unlabelled.labels(), unlabelled.shape(), unlabelled.sourceIndices());
            for (int k = 0; k < mu; k++) {
              net.writeInput(weakSet, k, input, (ml + k) * size);
              net.writeInput(strong, k, input, (ml + mu + k) * size);
            }
            try (NDManager step = root.newSubManager()) {
              int m = ml + 2 * mu;
              NDArray x =
                  step.create(
                      input,
                      new Shape(
                          m,
                          train.shape().channels(),
                          train.shape().height(),
                          train.shape().width()));
              NDArray y = step.create(targets, new Shape(ml, classes));
              SplittableRandom dropout = seed.derive("dropout", e, b).random();
              NDList masks = new NDList();
              for (Net.DropoutSite site : net.dropoutSites()) {
                // the weak view is predicted without dropout: its pseudo-labels are the targets
                float[] values = EpochData.maskValues(site, m, dropout);
                java.util.Arrays.fill(values, ml * site.width(), (ml + mu) * site.width(), 1f);
                masks.add(step.create(values, EpochData.maskShape(site, m)));
              }
              NDArray loss;
              NDArray used;
              try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logits = net.forward(x, true, masks);
                NDArray supervised =
                    Torch.over(logits.get(new NDIndex("0:{}", ml)).logSoftmax(1).mul(y).sum(), -ml);
                NDArray weakProbs =
                    logits.get(new NDIndex("{}:{}", ml, ml + mu)).stopGradient().softmax(1);
                used =
                    weakProbs
                        .max(new int[] {1})
                        .gte((float) s.threshold())
                        .toType(DataType.FLOAT32, false);
                NDArray pseudo =
                    weakProbs
                        .argMax(1)
                        .oneHot(classes)
                        .toType(DataType.FLOAT32, false)
                        .mul(used.reshape(mu, 1));
                NDArray consistency =
                    Torch.over(
                        logits.get(new NDIndex("{}:", ml + mu)).logSoftmax(1).mul(pseudo).sum(),
                        -mu);
                loss = supervised.add(Torch.times(consistency, (float) s.weight()));
                Torch.backward(loss, opt.seed());
              }
              opt.step();
              if (ema != null) {
                ema.update();
              }
              steps++;
              lossSum += loss.getFloat() * ml;
              confident += used.sum().getFloat();
              unlabelledThisEpoch += mu;
            }
          }
          double epochLoss = lossSum / n;
          confidentTotal += confident;
          unlabelledSeen += unlabelledThisEpoch;
          curve.add(e + 1, opt.lr(), epochLoss, Double.NaN, Double.NaN);
          progress.report(Progress.LOSS, epochLoss);
          progress.advance(1);
        }
        if (ema != null) {
          ema.copyInto();
        }
      } finally {
        progress.done();
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("objective", "fixmatch");
    facts.put("ema", s.ema());
    facts.put("epochs", t.epochs());
    facts.put("steps", steps);
    facts.put("batchSize", batch);
    facts.put("unlabelledPerStep", batch * s.ratio());
    facts.put("unlabelledImages", pool.size());
    facts.put("unlabelledSeen", unlabelledSeen);
    facts.put("confidentShare", unlabelledSeen == 0 ? 0 : confidentTotal / unlabelledSeen);
    facts.put("parameters", net.parameterCount());
    facts.put("trainSeconds", (System.nanoTime() - t0) / 1e9);
    curve.addFacts(facts, false);
    facts.remove("keepBest");
    facts.put("curveFile", curve.write(ctx.workDir()).toString());
    return facts;
  }

  /**
   * Each image moved by a random whole-pixel shift in [-max, max] in x and y (zeros come in), drawn
   * from {@code rng}: FixMatch's weak view.
   */
  static float[] shifted(ImageSet images, int max, SplittableRandom rng) {
    int h = images.shape().height();
    int w = images.shape().width();
    int c = images.shape().channels();
    int size = images.shape().size();
    float[] out = new float[images.pixels().length];
    for (int i = 0; i < images.size(); i++) {
      int dx = max == 0 ? 0 : rng.nextInt(2 * max + 1) - max;
      int dy = max == 0 ? 0 : rng.nextInt(2 * max + 1) - max;
      for (int ch = 0; ch < c; ch++) {
        int plane = i * size + ch * h * w;
        for (int y = 0; y < h; y++) {
          int sy = y - dy;
          if (sy < 0 || sy >= h) {
            continue;
          }
          for (int x = 0; x < w; x++) {
            int sx = x - dx;
            if (sx >= 0 && sx < w) {
              out[plane + y * w + x] = images.pixels()[plane + sy * w + sx];
            }
          }
        }
      }
    }
    return out;
  }
}
