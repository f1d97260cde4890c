package org.rmnist.plugins.synthesis;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;

/**
 * IDM's model queue (Zhao et al., "Improved Distribution Matching for Dataset Condensation", CVPR
 * 2023): ConvNets of {@link RandomConvNet}'s architecture with a linear classifier on the
 * embedding, each trained with SGD on labelled pool batches while the synthetic images are built.
 * Every {@code netEvery} steps a randomly initialised network joins (the oldest leaves once {@code
 * netQueue} are kept); each step one network is drawn to embed both sides, and afterwards one is
 * drawn and trained for {@code netSteps} SGD steps. The queue thus always holds networks at many
 * stages of training, from random to well trained.
 */
final class NetQueue implements AutoCloseable {
  private static final float MOMENTUM = 0.9f;
  private static final float DECAY = 5e-4f;

  /**
   * One network: conv weights and biases, then the classifier's weight and bias, with velocities.
   */
  static final class Member {
    private final NDArray[] params;
    private final NDArray[] velocity;
    private final int depth;
    private double accuracy;

    private Member(NDArray[] params, NDArray[] velocity, int depth) {
      this.params = params;
      this.velocity = velocity;
      this.depth = depth;
    }

    /** The network's embedding (its conv blocks, without the classifier). */
    RandomConvNet net() {
      return net(params, depth);
    }

    /** Logits of embedded rows under the classifier. */
    NDArray logits(NDArray embedding) {
      return logits(params, embedding);
    }

    /** The fraction of its last training batch it classified right (0 before any training). */
    double accuracy() {
      return accuracy;
    }

    private static RandomConvNet net(NDArray[] p, int depth) {
      NDArray[] w = new NDArray[depth];
      NDArray[] b = new NDArray[depth];
      for (int d = 0; d < depth; d++) {
        w[d] = p[2 * d];
        b[d] = p[2 * d + 1];
      }
      return new RandomConvNet(w, b);
    }

    private static NDArray logits(NDArray[] p, NDArray embedding) {
      return embedding.matMul(p[p.length - 2].transpose()).add(p[p.length - 1]);
    }

    /** Whether it has left the queue (its arrays are freed). */
    boolean left() {
      return params[0].isReleased();
    }

    private void close() {
      for (NDArray a : params) {
        a.close();
      }
      for (NDArray a : velocity) {
        a.close();
      }
    }
  }

  private final NDManager manager;
  private final ImageShape shape;
  private final SynthesisConfig config;
  private final int classes;
  private final List<Member> members = new ArrayList<>();
  private double lastAccuracy = Double.NaN;

  NetQueue(NDManager manager, ImageShape shape, SynthesisConfig config, int classes) {
    this.manager = manager;
    this.shape = shape;
    this.config = config;
    this.classes = classes;
  }

  /** Before step {@code it}: every {@code netEvery} steps (from 0) a fresh network joins. */
  void grow(int it, Seed seed) {
    if (it % config.netEvery() != 0) {
      return;
    }
    if (members.size() == config.netQueue()) {
      members.remove(0).close();
    }
    SplittableRandom r = seed.derive("queue-net", it).random();
    RandomConvNet conv = RandomConvNet.draw(manager, shape, config.width(), config.depth(), r);
    long dim = RandomConvNet.embeddingSize(shape, config.width(), config.depth());
    double bound = 1 / Math.sqrt(dim);
    float[] w = new float[(int) (classes * dim)];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (bound * (2 * r.nextDouble() - 1));
    }
    float[] b = new float[classes];
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) (bound * (2 * r.nextDouble() - 1));
    }
    int depth = config.depth();
    NDArray[] p = new NDArray[2 * depth + 2];
    for (int d = 0; d < depth; d++) {
      p[2 * d] = conv.weights()[d];
      p[2 * d + 1] = conv.biases()[d];
    }
    p[2 * depth] = manager.create(w, new Shape(classes, dim));
    p[2 * depth + 1] = manager.create(b);
    NDArray[] v = new NDArray[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = manager.zeros(p[i].getShape());
    }
    members.add(new Member(p, v, depth));
  }

  /** A network drawn uniformly from the queue. */
  Member draw(SplittableRandom r) {
    return members.get(r.nextInt(members.size()));
  }

  int size() {
    return members.size();
  }

  /** Accuracy of the last network trained on its last batch (NaN before any training). */
  double lastAccuracy() {
    return lastAccuracy;
  }

  /**
   * After a step: one network drawn from the queue takes {@code netSteps} SGD steps, each on {@code
   * netBatch} pool images drawn uniformly from the rows of all classes ({@code byClass}, labelled
   * by class index), without augmentation, as IDM trains its queue.
   */
  void train(Engine engine, NDManager step, ImageSet pool, int[][] byClass, SplittableRandom r) {
    if (config.netSteps() == 0 || members.isEmpty()) {
      return;
    }
    Member member = draw(r);
    int batch = config.netBatch();
    int size = shape.size();
    int total = 0;
    for (int[] rows : byClass) {
      total += rows.length;
    }
    for (int s = 0; s < config.netSteps(); s++) {
      float[] px = new float[batch * size];
      float[] onehot = new float[batch * classes];
      int[] labels = new int[batch];
      for (int i = 0; i < batch; i++) {
        int at = r.nextInt(total);
        int k = 0;
        while (at >= byClass[k].length) {
          at -= byClass[k].length;
          k++;
        }
        System.arraycopy(pool.pixels(), pool.offset(byClass[k][at]), px, i * size, size);
        labels[i] = k;
        onehot[i * classes + k] = 1f;
      }
      try (NDManager local = step.newSubManager()) {
        NDArray x =
            local.create(px, new Shape(batch, shape.channels(), shape.height(), shape.width()));
        NDArray y = local.create(onehot, new Shape(batch, classes));
        NDArray[] live = new NDArray[member.params.length];
        for (int i = 0; i < live.length; i++) {
          live[i] = member.params[i].duplicate();
          live[i].attach(local);
          live[i].setRequiresGradient(true);
        }
        NDArray logits;
        try (GradientCollector collector = engine.newGradientCollector()) {
          logits = Member.logits(live, Member.net(live, member.depth).embed(x));
          NDArray loss = Scalars.over(logits.logSoftmax(1).mul(y).sum(), -(float) batch);
          collector.backward(loss);
        }
        long[] guess = logits.argMax(1).toLongArray();
        int right = 0;
        for (int i = 0; i < batch; i++) {
          right += guess[i] == labels[i] ? 1 : 0;
        }
        member.accuracy = right / (double) batch;
        lastAccuracy = member.accuracy;
        for (int i = 0; i < live.length; i++) {
          // results follow their first operand's manager: every chain starts in the local one
          NDArray g = live[i].getGradient();
          NDArray p = live[i].stopGradient();
          NDArray old = member.velocity[i].duplicate();
          old.attach(local);
          NDArray v = old.mul(MOMENTUM).add(g).add(p.mul(DECAY));
          NDArray next = p.sub(v.mul((float) config.netLr()));
          v.attach(manager);
          next.attach(manager);
          member.velocity[i].close();
          member.params[i].close();
          member.velocity[i] = v;
          member.params[i] = next;
        }
      }
    }
  }

  @Override
  public void close() {
    members.forEach(Member::close);
    members.clear();
  }
}
