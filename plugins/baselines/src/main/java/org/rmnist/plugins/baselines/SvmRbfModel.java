package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.tribuo.common.libsvm.KernelType;

/** {@code svm-rbf}: a C-SVC with an RBF kernel on raw pixels (Tribuo's LibSVM). */
@Extension
public final class SvmRbfModel implements Model<SvmRbfConfig> {

  @Override
  public String id() {
    return "svm-rbf";
  }

  @Override
  public String summary() {
    return "C-SVC, RBF kernel, on raw pixels (LIBSVM 3.25 via Tribuo); one-vs-one votes";
  }

  @Override
  public Class<SvmRbfConfig> configType() {
    return SvmRbfConfig.class;
  }

  @Override
  public SvmRbfConfig defaults() {
    return SvmRbfConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      SvmRbfConfig config, ImageSet train, ImageSet validation, TrainContext context) {
    return SvmTrainedModel.fit(
        KernelType.RBF,
        config.c(),
        config.gamma(),
        train,
        context.classes(),
        context.seed().derive("libsvm"));
  }

  @Override
  public TrainedModel load(SvmRbfConfig config, Path dir) throws IOException {
    return SvmTrainedModel.load(dir, KernelType.RBF);
  }
}
