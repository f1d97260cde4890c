package org.rmnist.plugins.convnet;

import java.util.List;
import java.util.Map;
import org.rmnist.api.TrainingSetBuilder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.TrainingSetBuilderContract;

/** {@code teacher-labels} keeps the builder contract with a narrow, briefly trained teacher. */
class TeacherLabelsContractTest extends TrainingSetBuilderContract<TeacherConfig> {
  @Override
  protected TrainingSetBuilder<TeacherConfig> builder() {
    return TeacherLabelsTest.BUILDER;
  }

  @Override
  protected TeacherConfig config() {
    return TeacherLabelsTest.small(1, 4, 2);
  }

  @Override
  protected List<TeacherConfig> configs() {
    return List.of(config());
  }

  @Override
  protected BadParameter outOfRange() {
    return new BadParameter(
        Map.of("temperature", 0.05), "temperature: must be in [0.1, 100], got 0.05");
  }
}
