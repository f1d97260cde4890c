package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.support.AtomicFiles;

/**
 * A ladder fit's state after a whole epoch, in the run's work folder ({@value #FILE}), so that a
 * run interrupted after hours of training goes on from its last epoch instead of starting over: the
 * network's tensors (running statistics included), Adam's moments and step count, where the
 * labelled images' order stands, the counters of the facts and the learning curve so far. Written
 * atomically after every epoch, deleted when the fit ends. The noise of epoch e is drawn from a
 * generator seeded for that epoch, so a resumed fit draws what an uninterrupted one would have.
 *
 * <p>{@code fingerprint} names the configuration and data the state belongs to; a file written for
 * another one (the run's config changed but its folder was kept) is not used.
 *
 * @param epochs whole epochs done
 * @param tensors the network's tensors in declaration order, then Adam's first and second moments
 *     in the optimiser's parameter order
 */
record LadderCheckpoint(
    String fingerprint,
    int epochs,
    long steps,
    long optimizerSteps,
    int labelledPass,
    int labelledAt,
    long skipped,
    long firstSkipped,
    long recomputed,
    long firstRecomputed,
    long recomputedAlike,
    double denoisingFirst,
    double seconds,
    List<Curve.Point> curve,
    double[] recentLargest,
    List<NDArray> tensors) {
  static final String FILE = "ladder-checkpoint.bin";
  private static final String FORMAT = "rmnist-ladder-checkpoint-1";

  /** Writes this state to {@code dir}/{@value #FILE}, replacing the one before it atomically. */
  void write(Path dir) throws IOException {
    AtomicFiles.write(
        dir.resolve(FILE),
        stream -> {
          DataOutputStream out = new DataOutputStream(stream);
          out.writeUTF(FORMAT);
          out.writeUTF(fingerprint);
          out.writeInt(epochs);
          out.writeLong(steps);
          out.writeLong(optimizerSteps);
          out.writeInt(labelledPass);
          out.writeInt(labelledAt);
          out.writeLong(skipped);
          out.writeLong(firstSkipped);
          out.writeLong(recomputed);
          out.writeLong(firstRecomputed);
          out.writeLong(recomputedAlike);
          out.writeDouble(denoisingFirst);
          out.writeDouble(seconds);
          out.writeInt(curve.size());
          for (Curve.Point p : curve) {
            out.writeInt(p.epoch());
            out.writeDouble(p.lr());
            out.writeDouble(p.trainLoss());
            out.writeDouble(p.accuracy());
            out.writeDouble(p.loss());
          }
          out.writeInt(recentLargest.length);
          for (double v : recentLargest) {
            out.writeDouble(v);
          }
          out.flush();
          new NDList(tensors.toArray(new NDArray[0])).encode(stream);
        });
  }

  /**
   * The state in {@code dir}/{@value #FILE}, its tensors in {@code manager}; null when there is no
   * such file.
   *
   * @throws IOException when the file cannot be read or is not a checkpoint of this format
   */
  static LadderCheckpoint read(Path dir, NDManager manager) throws IOException {
    Path file = dir.resolve(FILE);
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
      DataInputStream in = new DataInputStream(stream);
      String format = in.readUTF();
      if (!format.equals(FORMAT)) {
        throw new IOException(file + ": not a ladder checkpoint (" + format + ")");
      }
      String fingerprint = in.readUTF();
      int epochs = in.readInt();
      long steps = in.readLong();
      long optimizerSteps = in.readLong();
      int labelledPass = in.readInt();
      int labelledAt = in.readInt();
      long skipped = in.readLong();
      long firstSkipped = in.readLong();
      long recomputed = in.readLong();
      long firstRecomputed = in.readLong();
      long recomputedAlike = in.readLong();
      double denoisingFirst = in.readDouble();
      double seconds = in.readDouble();
      int points = in.readInt();
      List<Curve.Point> curve = new ArrayList<>();
      for (int k = 0; k < points; k++) {
        curve.add(
            new Curve.Point(
                in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
      }
      double[] recent = new double[in.readInt()];
      for (int k = 0; k < recent.length; k++) {
        recent[k] = in.readDouble();
      }
      NDList list;
      try {
        list = NDList.decode(manager, in);
      } catch (RuntimeException e) {
        throw new IOException(file + ": unreadable tensors (" + e.getMessage() + ")", e);
      }
      return new LadderCheckpoint(
          fingerprint,
          epochs,
          steps,
          optimizerSteps,
          labelledPass,
          labelledAt,
          skipped,
          firstSkipped,
          recomputed,
          firstRecomputed,
          recomputedAlike,
          denoisingFirst,
          seconds,
          curve,
          recent,
          new ArrayList<>(list));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Removes {@code dir}/{@value #FILE} (the fit it was written for has ended). */
  static void delete(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(FILE));
  }
}
