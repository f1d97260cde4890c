package org.rmnist.host.plugin;

import org.rmnist.api.Augmentation;
import org.rmnist.api.Component;
import org.rmnist.api.Dataset;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.api.Launcher;
import org.rmnist.api.Model;
import org.rmnist.api.TrainingSetBuilder;

/** The extension points, with the word used for them in YAML and messages. */
public enum ExtensionKind {
  DATASET("dataset", Dataset.class),
  AUGMENTATION("augmentation", Augmentation.class),
  MODEL("model", Model.class),
  FEATURE_EXTRACTOR("feature extractor", FeatureExtractor.class),
  LAUNCHER("launcher", Launcher.class),
  TRAINING_SET_BUILDER("training set builder", TrainingSetBuilder.class);

  private final String word;
  private final Class<? extends Component> type;

  ExtensionKind(String word, Class<? extends Component> type) {
    this.word = word;
    this.type = type;
  }

  /** How messages name this kind. */
  public String word() {
    return word;
  }

  /** The API interface. */
  public Class<? extends Component> type() {
    return type;
  }
}
