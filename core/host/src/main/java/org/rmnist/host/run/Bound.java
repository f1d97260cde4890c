package org.rmnist.host.run;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.rmnist.api.Augmentation;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.Component;
import org.rmnist.api.DataContext;
import org.rmnist.api.DataFile;
import org.rmnist.api.Dataset;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Model;
import org.rmnist.api.Splits;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.TrainingSetBuilder;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.PluginHost.PluginInfo;
import org.rmnist.host.plugin.PluginHost.Registered;

/**
 * An extension paired with the config bound to it (and the plugin it came from), made only by
 * binding YAML parameters to that extension's own config type; calls go through it, so the host
 * needs no unchecked casts.
 */
sealed interface Bound
    permits Bound.Data, Bound.Learner, Bound.Extractor, Bound.Transform, Bound.Maker {

  /** The extension. */
  Component<?> extension();

  /** Its config. */
  Record config();

  /** The plugin that provides it. */
  PluginInfo plugin();

  /** Id, plugin, plugin version and config: what a run hash needs of it. */
  default Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", extension().id());
    m.put("plugin", plugin().id());
    m.put("version", plugin().version());
    m.put("config", ConfigBinder.identityMap(config(), extension().defaults()));
    return m;
  }

  /** Binds a data set's parameters. */
  static Data<?> data(Registered r, Map<String, ?> params, String where) {
    return data((Dataset<?>) r.component(), r.plugin(), params, where);
  }

  /** Binds a model's parameters. */
  static Learner<?> learner(Registered r, Map<String, ?> params, String where) {
    return learner((Model<?>) r.component(), r.plugin(), params, where);
  }

  /** Binds a feature extractor's parameters. */
  static Extractor<?> extractor(Registered r, Map<String, ?> params, String where) {
    return extractor((FeatureExtractor<?>) r.component(), r.plugin(), params, where);
  }

  /** Binds a training set builder's parameters. */
  static Maker<?> maker(Registered r, Map<String, ?> params, String where) {
    return maker((TrainingSetBuilder<?>) r.component(), r.plugin(), params, where);
  }

  /** Binds an augmentation's parameters. */
  static Transform<?, ?> transform(Registered r, Map<String, ?> params, String where) {
    return transform((Augmentation<?, ?>) r.component(), r.plugin(), params, where);
  }

  private static <C extends Record> Data<C> data(
      Dataset<C> d, PluginInfo p, Map<String, ?> params, String where) {
    return new Data<>(d, ConfigBinder.bind(d, params, where), p);
  }

  private static <C extends Record> Learner<C> learner(
      Model<C> m, PluginInfo p, Map<String, ?> params, String where) {
    return new Learner<>(m, ConfigBinder.bind(m, params, where), p);
  }

  private static <C extends Record> Extractor<C> extractor(
      FeatureExtractor<C> x, PluginInfo p, Map<String, ?> params, String where) {
    return new Extractor<>(x, ConfigBinder.bind(x, params, where), p);
  }

  private static <C extends Record> Maker<C> maker(
      TrainingSetBuilder<C> b, PluginInfo p, Map<String, ?> params, String where) {
    return new Maker<>(b, ConfigBinder.bind(b, params, where), p);
  }

  private static <C extends Record, P> Transform<C, P> transform(
      Augmentation<C, P> a, PluginInfo p, Map<String, ?> params, String where) {
    return new Transform<>(a, ConfigBinder.bind(a, params, where), p);
  }

  /** A data set and its config. */
  record Data<C extends Record>(Dataset<C> extension, C config, PluginInfo plugin)
      implements Bound {
    Splits load(DatasetRequest request, DataContext context) throws IOException {
      return extension.load(config, request, context);
    }

    List<DataFile> files(DataContext context) throws IOException {
      return extension.files(config, context);
    }
  }

  /** A model and its config. */
  record Learner<C extends Record>(Model<C> extension, C config, PluginInfo plugin)
      implements Bound {
    TrainedModel fit(ImageSet train, ImageSet validation, TrainContext context) throws IOException {
      return extension.fit(config, train, validation, context);
    }

    boolean softLabels() {
      return extension.softLabels(config);
    }

    /** The same model with the config bound from other parameters. */
    Learner<C> rebind(Map<String, ?> params, String where) {
      return new Learner<>(extension, ConfigBinder.bind(extension, params, where), plugin);
    }
  }

  /** A feature extractor and its config. */
  record Extractor<C extends Record>(FeatureExtractor<C> extension, C config, PluginInfo plugin)
      implements Bound {
    Featurizer open(ExtractorContext context) throws IOException {
      return extension.open(config, context);
    }

    Optional<String> modelSha256(ExtractorContext context) throws IOException {
      return extension.modelSha256(config, context);
    }
  }

  /** A training set builder and its config. */
  record Maker<C extends Record>(TrainingSetBuilder<C> extension, C config, PluginInfo plugin)
      implements Bound {
    BuiltSet build(BuildRequest request, BuildContext context) throws IOException {
      return extension.build(config, request, context);
    }

    boolean usesFeatures() {
      return extension.usesFeatures(config);
    }

    boolean startsFrom() {
      return extension.startsFrom(config);
    }

    boolean softLabels() {
      return extension.softLabels(config);
    }
  }

  /** An augmentation and its config. */
  record Transform<C extends Record, P>(Augmentation<C, P> extension, C config, PluginInfo plugin)
      implements Bound {
    /** Draws one image's parameters and returns the transform they make. */
    Applied sample(ImageShape shape, RandomGenerator random) {
      return applied(extension.sample(config, shape, random), shape);
    }

    /** Every transform of a discrete augmentation, in its order; empty for a continuous one. */
    List<Applied> enumerate(ImageShape shape) {
      return extension.enumerate(config, shape).stream().map(p -> applied(p, shape)).toList();
    }

    private Applied applied(P params, ImageShape shape) {
      return (src, srcOff, dst, dstOff) ->
          extension.apply(config, params, src, srcOff, dst, dstOff, shape);
    }
  }

  /** One transform with its parameters drawn: from one image region to another. */
  interface Applied {
    void apply(float[] src, int srcOffset, float[] dst, int dstOffset);
  }
}
