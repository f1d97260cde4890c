package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import libsvm.svm;
import libsvm.svm_model;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Predictions;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainedModel;
import org.rmnist.support.AtomicFiles;
import org.rmnist.support.Checks;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.libsvm.LibSVMClassificationModel;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.libsvm.SVMClassificationType.SVMMode;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;

/**
 * A C-SVC trained by Tribuo's LibSVM wrapper (Java LIBSVM 3.25); predicts by one-vs-one votes.
 *
 * <p>Probabilities are the vote shares (votes / pairs), as LIBSVM predicts without Platt scaling;
 * ties go to the lowest digit, as in scikit-learn, whose LIBSVM copy sorts the labels.
 */
final class SvmTrainedModel implements TrainedModel {
  /** The Tribuo protobuf file {@link #save} writes. */
  static final String FILE = "svm.tribuo";

  /** The task's class count, beside the model (LIBSVM knows only the classes it saw). */
  static final String CLASSES_FILE = "classes.txt";

  static {
    svm.svm_set_print_string_function(s -> {}); // LIBSVM prints progress to stdout otherwise
  }

  private final LibSVMClassificationModel model;
  private final svm_model inner;
  private final SvmDecision decision;
  private final int[] digitOfSlot;
  private final int classes;
  private final int size;

  private SvmTrainedModel(LibSVMClassificationModel model, int classes) {
    this.model = model;
    this.inner = model.getInnerModels().get(0);
    this.size = model.getFeatureIDMap().size();
    this.decision = new SvmDecision(inner, size);
    this.digitOfSlot = new int[inner.nr_class];
    int max = 1;
    for (int s = 0; s < inner.nr_class; s++) {
      digitOfSlot[s] =
          Integer.parseInt(model.getOutputIDInfo().getOutput(inner.label[s]).getLabel());
      max = Math.max(max, digitOfSlot[s]);
    }
    if (max >= classes) {
      throw new IllegalArgumentException(
          "the model predicts class " + max + ", the task has " + classes + " classes");
    }
    this.classes = classes;
  }

  /** Trains a C-SVC with the given kernel; {@code gamma} is ignored by the linear kernel. */
  static SvmTrainedModel fit(
      KernelType kernel, double c, double gamma, ImageSet train, int classes, Seed seed) {
    Checks.classes(train.labels(), classes);
    long distinct = Arrays.stream(train.labels()).distinct().count();
    if (distinct < 2) {
      throw new IllegalArgumentException(
          "an SVM needs images of at least 2 classes, got " + distinct);
    }
    SVMParameters<Label> params =
        new SVMParameters<>(new SVMClassificationType(SVMMode.C_SVC), kernel);
    params.setCost(c);
    if (kernel == KernelType.RBF) {
      params.setGamma(gamma); // Tribuo's default (0) would mean 1/(features + 1), not 1/784
    }
    LibSVMClassificationTrainer trainer = new LibSVMClassificationTrainer(params, seed.value());
    PixelFeatures features = PixelFeatures.of(train.shape().size());
    return new SvmTrainedModel(
        (LibSVMClassificationModel) trainer.train(features.dataset(train)), classes);
  }

  /** Reads what {@link #save} wrote; the kernel must be {@code expected}. */
  static SvmTrainedModel load(Path dir, KernelType expected) throws IOException {
    Path file = dir.resolve(FILE);
    Model<?> read;
    try {
      read = Model.deserializeFromFile(file);
    } catch (RuntimeException e) {
      throw new DataFormatException(file + ": not a Tribuo model: " + e.getMessage());
    }
    if (!(read instanceof LibSVMClassificationModel svm)) {
      throw new DataFormatException(
          file
              + ": holds a "
              + read.getClass().getName()
              + ", expected a "
              + LibSVMClassificationModel.class.getName());
    }
    Path classesFile = dir.resolve(CLASSES_FILE);
    int classes;
    try {
      classes = Integer.parseInt(Files.readString(classesFile).strip());
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          classesFile + ": expected the number of classes, got " + e.getMessage());
    }
    SvmTrainedModel loaded;
    try {
      loaded = new SvmTrainedModel(svm, classes);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(classesFile + ": " + e.getMessage());
    }
    KernelType kernel = KernelType.getKernelType(loaded.inner.param.kernel_type);
    if (kernel != expected) {
      throw new DataFormatException(
          file + ": holds an SVM with a " + kernel + " kernel, expected " + expected);
    }
    return loaded;
  }

  @Override
  public Predictions predict(ImageSet images) {
    if (images.shape().size() != size) {
      throw new IllegalArgumentException(
          "model was trained on images of " + size + " pixels, got " + images.shape());
    }
    float[] p = new float[images.size() * classes];
    IntStream.range(0, images.size())
        .parallel()
        .forEach(
            i -> {
              double[] values = new double[decision.pairs()];
              decision.values(images.pixels(), images.offset(i), size, values);
              voteShares(values, digitOfSlot, p, i * classes);
            });
    return new Predictions(p, classes);
  }

  /**
   * Counts one-vs-one votes as LIBSVM does (pair (a, b) goes to slot a when its value is positive,
   * else to slot b) and writes each class's share of the votes to {@code out[at + class]}.
   *
   * @param digitOfSlot the class of each LIBSVM slot (LIBSVM orders classes as they first appear)
   */
  static void voteShares(double[] values, int[] digitOfSlot, float[] out, int at) {
    int slots = digitOfSlot.length;
    int k = 0;
    for (int a = 0; a < slots; a++) {
      for (int b = a + 1; b < slots; b++) {
        out[at + (values[k++] > 0 ? digitOfSlot[a] : digitOfSlot[b])] += 1;
      }
    }
    for (int c : digitOfSlot) {
      out[at + c] /= k;
    }
  }

  @Override
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    model.serializeToFile(dir.resolve(FILE));
    AtomicFiles.writeString(dir.resolve(CLASSES_FILE), classes + "\n");
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("kernel", KernelType.getKernelType(inner.param.kernel_type).name());
    facts.put("c", inner.param.C);
    if (inner.param.kernel_type == KernelType.RBF.getNativeType()) {
      facts.put("gamma", inner.param.gamma);
    }
    facts.put("supportVectors", inner.l);
    Map<String, Integer> perClass = new LinkedHashMap<>();
    int[] order =
        IntStream.range(0, inner.nr_class)
            .boxed()
            .sorted((a, b) -> Integer.compare(digitOfSlot[a], digitOfSlot[b]))
            .mapToInt(Integer::intValue)
            .toArray();
    for (int s : order) {
      perClass.put(Integer.toString(digitOfSlot[s]), inner.nSV[s]);
    }
    facts.put("supportVectorsPerClass", perClass);
    return facts;
  }
}
