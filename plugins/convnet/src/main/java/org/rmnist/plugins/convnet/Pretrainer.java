package org.rmnist.plugins.convnet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.UnlabelledImages;

/**
 * {@code convnet} without labels: its conv blocks and hidden layers are trained as the encoder of a
 * convolutional autoencoder ({@link Decoder}) on the context's unlabelled images, reconstructing
 * each image (binary cross-entropy per pixel, the pixels in [0, 1] as targets; the denoising
 * variant distorts the input by the run's onTheFly steps when it has any, then sets each input
 * pixel to 0 with probability {@code noise}, and still asks for the clean image), or contrastively
 * (SimCLR: two distorted views of each image, {@link Projection}, NT-Xent). Then only the output
 * layer is fitted on the labelled images' codes (a linear probe, the encoder frozen), so the
 * trained network's features come from the unlabelled images alone and its predictions say how
 * linearly separable they are.
 */
record Pretrainer(ConvNet net, ConvnetConfig config, NDManager root, TrainContext ctx) {

  /** Pretrains, then fits the probe on {@code train}; returns the facts of both. */
  Map<String, Object> run(ImageSet train) throws IOException {
    UnlabelledImages pool = ctx.unlabelled();
    if (pool.isEmpty()) {
      throw new IllegalArgumentException(
          "objective: "
              + config.objective()
              + " learns from the run's unlabelled images, and this run has none: add "
              + "`unlabelled: pool` to the run in the experiment file");
    }
    if (!pool.shape().equals(train.shape())) {
      throw new IllegalArgumentException(
          "unlabelled images are " + pool.shape() + ", training images " + train.shape());
    }
    Training t = config.pretraining().training();
    int threads = Fitter.threads(t, ctx);
    return Torch.training(
        threads,
        ctx.seed().derive("engine").intValue(),
        () -> {
          Map<String, Object> facts = new LinkedHashMap<>();
          facts.put("objective", config.objective());
          facts.putAll(pretrain(pool, t));
          facts.putAll(probe(train));
          facts.put("threads", threads);
          facts.put("parameters", net.parameterCount());
          return facts;
        });
  }

  /** What the encoder learns from a batch of unlabelled images, with its own trained heads. */
  private interface Objective extends AutoCloseable {
    /** The head's tensors, trained with the encoder's. */
    List<NDArray> parameters();

    /**
     * The loss of the pool images at {@code positions}, batch {@code b} of epoch {@code e}, its
     * inputs created in {@code step}; called while gradients are recorded.
     */
    NDArray loss(int[] positions, int e, int b, NDManager step);

    @Override
    void close();
  }

  private Map<String, Object> pretrain(UnlabelledImages pool, Training t) throws IOException {
    Seed seed = ctx.seed().derive("pretrain");
    Engine engine = Torch.engine();
    int n = pool.size();
    int batch = t.batchFor(n);
    int[] bounds = EpochData.bounds(n, batch);
    Curve curve = new Curve();
    Progress progress = ctx.progress();
    long t0 = System.nanoTime();
    long steps = 0;
    try (Objective objective = objective(pool, seed, bounds.length - 1);
        Optimizer opt = new Optimizer(t, params(objective), root)) {
      progress.start("pretraining epochs", t.epochs());
      try {
        for (int e = 0; e < t.epochs(); e++) {
          opt.setLr(t.lrAt(e));
          int[] order = EpochData.permutation(n, seed.derive("shuffle", e).random());
          double sum = 0;
          for (int b = 0; b + 1 < bounds.length; b++) {
            int[] positions = Arrays.copyOfRange(order, bounds[b], bounds[b + 1]);
            try (NDManager step = root.newSubManager()) {
              NDArray loss;
              try (GradientCollector collector = engine.newGradientCollector()) {
                loss = objective.loss(positions, e, b, step);
                Torch.backward(loss, opt.seed());
              }
              opt.step();
              sum += loss.getFloat() * positions.length;
              steps++;
            }
          }
          double epochLoss = sum / n;
          curve.add(e + 1, opt.lr(), epochLoss, Double.NaN, Double.NaN);
          progress.report(Progress.LOSS, epochLoss);
          progress.advance(1);
        }
      } finally {
        progress.done();
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("unlabelledImages", n);
    facts.put("pretrainEpochs", t.epochs());
    facts.put("pretrainSteps", steps);
    facts.put("pretrainBatchSize", batch);
    facts.put("pretrainSeconds", (System.nanoTime() - t0) / 1e9);
    switch (config.objective()) {
      case "denoising" -> facts.put("noise", config.pretraining().noise());
      case "simclr" -> facts.put("temperature", config.pretraining().temperature());
      default -> {}
    }
    curve.addFacts(facts, false);
    facts.remove("keepBest");
    facts.put("curveFile", curve.write(ctx.workDir()).toString());
    return facts;
  }

  private List<NDArray> params(Objective objective) {
    List<NDArray> all = new ArrayList<>(net.encoderParameters());
    all.addAll(objective.parameters());
    return all;
  }

  private Objective objective(UnlabelledImages pool, Seed seed, int batches) {
    return config.objective().equals("simclr")
        ? contrastive(pool, seed, batches)
        : reconstruction(pool, seed, batches);
  }

  /** Autoencoder / denoising: reconstruct each clean image from its (corrupted) input. */
  private Objective reconstruction(UnlabelledImages pool, Seed seed, int batches) {
    Decoder decoder = new Decoder(config, pool.shape(), net, root, seed.derive("decoder"));
    boolean denoising = config.objective().equals("denoising");
    OnTheFly distort = denoising ? ctx.onTheFly() : OnTheFly.NONE;
    double noise = config.pretraining().noise();
    float mean = (float) config.inputMean();
    float inv = (float) (1 / config.inputStd());
    int size = pool.shape().size();
    return new Objective() {
      @Override
      public List<NDArray> parameters() {
        return decoder.parameters();
      }

      @Override
      public NDArray loss(int[] positions, int e, int b, NDManager step) {
        int m = positions.length;
        UnlabelledImages clean = pool.select(positions);
        float[] corrupted =
            distort == OnTheFly.NONE
                ? clean.pixels()
                : distort.epoch(clean.asImageSet(), e * batches + b).pixels();
        float[] input = new float[m * size];
        SplittableRandom rng = denoising ? seed.derive("noise", e, b).random() : null;
        for (int j = 0; j < m * size; j++) {
          float in = denoising && rng.nextDouble() < noise ? 0f : corrupted[j];
          input[j] = (in - mean) * inv;
        }
        Shape shape = shape(m, pool);
        NDArray x = step.create(input, shape);
        NDArray y = step.create(clean.pixels(), shape);
        return reconstructionLoss(decoder.forward(net.encode(x, true)), y);
      }

      @Override
      public void close() {
        decoder.close();
      }
    };
  }

  /**
   * SimCLR: two views of every image of the batch from the run's on-the-fly steps (each view of
   * each batch its own epoch key, so its own random distortions), encoded, projected, and pulled
   * together against the batch's other 2(m - 1) views by the NT-Xent loss.
   */
  private Objective contrastive(UnlabelledImages pool, Seed seed, int batches) {
    OnTheFly views = ctx.onTheFly();
    if (views == OnTheFly.NONE) {
      throw new IllegalArgumentException(
          "objective: simclr contrasts two views of each unlabelled image made by the run's "
              + "onTheFly steps, and this run has none: add some to the run, e.g. onTheFly: "
              + "[{id: affine, params: {degrees: 12, scale: 0.12, translate: 2.5}}, {id: elastic}]");
    }
    Projection head =
        new Projection(
            net.codeWidth(), config.pretraining().projection(), root, seed.derive("projection"));
    float temperature = (float) config.pretraining().temperature();
    int size = pool.shape().size();
    return new Objective() {
      @Override
      public List<NDArray> parameters() {
        return head.parameters();
      }

      @Override
      public NDArray loss(int[] positions, int e, int b, NDManager step) {
        int m = positions.length;
        ImageSet images = pool.select(positions).asImageSet();
        int key = Math.toIntExact(((long) e * batches + b) * 2);
        ImageSet first = views.epoch(images, key);
        ImageSet second = views.epoch(images, key + 1);
        float[] input = new float[2 * m * size];
        for (int k = 0; k < m; k++) {
          net.writeInput(first, k, input, k * size);
          net.writeInput(second, k, input, (m + k) * size);
        }
        NDArray x = step.create(input, shape(2 * m, pool));
        return ntXent(head.forward(net.encode(x, true)), temperature);
      }

      @Override
      public void close() {
        head.close();
      }
    };
  }

  /**
   * NT-Xent (SimCLR) for 2m projections, row i and row i + m two views of one image: the rows are
   * L2-normalised, similarities divided by {@code temperature}, each row's own similarity left out,
   * and the loss is the mean over rows of minus the log-softmax at its partner.
   */
  static NDArray ntXent(NDArray z, float temperature) {
    long rows = z.getShape().get(0);
    int m = Math.toIntExact(rows / 2);
    NDArray unit = z.div(z.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    NDArray self = z.getManager().eye(2 * m).mul(1e9f);
    NDArray logits = Torch.over(unit.matMul(unit.transpose()), temperature).sub(self);
    float[] partner = new float[4 * m * m];
    for (int i = 0; i < 2 * m; i++) {
      partner[i * 2 * m + (i + m) % (2 * m)] = 1f;
    }
    NDArray positives = z.getManager().create(partner, new Shape(2 * m, 2 * m));
    return Torch.over(logits.logSoftmax(1).mul(positives).sum(), -2f * m);
  }

  private static Shape shape(int m, UnlabelledImages pool) {
    return new Shape(m, pool.shape().channels(), pool.shape().height(), pool.shape().width());
  }

  /**
   * Mean binary cross-entropy of pixel logits {@code z} against pixels {@code y} in [0, 1]: max(z,
   * 0) - z*y + log(1 + exp(-|z|)), the numerically stable form.
   */
  static NDArray reconstructionLoss(NDArray z, NDArray y) {
    return Torch.atLeast(z, 0f).sub(z.mul(y)).add(z.abs().neg().exp().add(1f).log()).mean();
  }

  /** Fits the output layer on the codes of {@code train} (full batch, Adam, L2 on the weights). */
  private Map<String, Object> probe(ImageSet train) {
    Pretraining p = config.pretraining();
    int n = train.size();
    int classes = ctx.classes();
    long t0 = System.nanoTime();
    float[] oneHot = new float[n * classes];
    for (int i = 0; i < n; i++) {
      oneHot[i * classes + train.labels()[i]] = 1f;
    }
    Training adam =
        new Training(
            "adam",
            p.probeLr(),
            0,
            false,
            0,
            0.9,
            0.999,
            1e-8,
            "constant",
            0,
            p.probeSteps(),
            0,
            false,
            0,
            false,
            1);
    Engine engine = Torch.engine();
    List<NDArray> out = net.outputParameters();
    double loss = Double.NaN;
    double accuracy;
    try (NDManager probe = root.newSubManager();
        Optimizer opt = new Optimizer(adam, out, root)) {
      NDArray codes = codes(train, probe);
      NDArray targets = probe.create(oneHot, new Shape(n, classes));
      opt.setLr(p.probeLr());
      for (int s = 0; s < p.probeSteps(); s++) {
        try (NDManager step = probe.newSubManager()) {
          NDArray l;
          try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray logits = net.classify(codes);
            logits.attach(step);
            l =
                Torch.over(logits.logSoftmax(1).mul(targets).sum(), -n)
                    .add(Torch.times(out.get(0).square().sum(), (float) (p.probeDecay() / 2)));
            Torch.backward(l, opt.seed());
          }
          opt.step();
          if (s == p.probeSteps() - 1) {
            loss = l.getFloat();
          }
        }
      }
      NDArray predicted = net.classify(codes).argMax(1);
      NDArray truth = targets.argMax(1);
      accuracy = predicted.eq(truth).toType(DataType.FLOAT32, false).sum().getFloat() / (double) n;
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("probeSteps", p.probeSteps());
    facts.put("probeLoss", loss);
    facts.put("probeTrainAccuracy", accuracy);
    facts.put("probeSeconds", (System.nanoTime() - t0) / 1e9);
    return facts;
  }

  /** The encoder's codes of {@code images} (batch norm in inference mode), in {@code manager}. */
  private NDArray codes(ImageSet images, NDManager manager) {
    int size = images.shape().size();
    int chunk = 1000;
    List<NDArray> parts = new ArrayList<>();
    for (int from = 0; from < images.size(); from += chunk) {
      int m = Math.min(chunk, images.size() - from);
      float[] input = new float[m * size];
      for (int k = 0; k < m; k++) {
        net.writeInput(images, from + k, input, k * size);
      }
      NDArray x =
          manager.create(
              input,
              new Shape(
                  m, images.shape().channels(), images.shape().height(), images.shape().width()));
      parts.add(net.encode(x, false));
    }
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts));
  }
}
