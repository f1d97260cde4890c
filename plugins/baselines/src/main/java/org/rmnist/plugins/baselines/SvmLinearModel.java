package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.tribuo.common.libsvm.KernelType;

/** {@code svm-linear}: a C-SVC with a linear kernel on raw pixels (Tribuo's LibSVM). */
@Extension
public final class SvmLinearModel implements Model<SvmLinearConfig> {

  @Override
  public String id() {
    return "svm-linear";
  }

  @Override
  public String summary() {
    return "C-SVC, linear kernel, on raw pixels (LIBSVM 3.25 via Tribuo); one-vs-one votes";
  }

  @Override
  public Class<SvmLinearConfig> configType() {
    return SvmLinearConfig.class;
  }

  @Override
  public SvmLinearConfig defaults() {
    return SvmLinearConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      SvmLinearConfig config, ImageSet train, ImageSet validation, TrainContext context) {
    return SvmTrainedModel.fit(
        KernelType.LINEAR,
        config.c(),
        0,
        train,
        context.classes(),
        context.seed().derive("libsvm"));
  }

  @Override
  public TrainedModel load(SvmLinearConfig config, Path dir) throws IOException {
    return SvmTrainedModel.load(dir, KernelType.LINEAR);
  }
}
