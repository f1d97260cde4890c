package org.rmnist.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One column of the matrix: a model, its parameters and augmentation, trained with several seeds.
 *
 * @param model the model extension id, YAML key {@code id} (none for an ensemble of other runs)
 * @param params its parameters
 * @param paramsByN parameters for one n only, deep-merged over {@code params} (e.g. Nielsen's
 *     epochs: 500 / 400 / 200 for n = 1 / 5 / 10)
 * @param trainSeeds training seeds; results show mean ± std over them
 * @param augment how the training set is expanded once before training, or null for none
 * @param onTheFly transforms applied afresh in every epoch (each image, epoch and step its own
 *     random key), or empty; models that train in epochs use them
 * @param features a feature extractor the images go through before the model, or null
 * @param ensemble averages other runs' probabilities instead of training a model
 * @param reference published accuracies (%) by n, printed beside ours
 * @param enabled false keeps the run in the file but out of the matrix
 * @param label column label; default the run's name
 * @param save keep the trained model in the run's folder ({@code model/}), for {@code rmnist
 *     export} and reuse
 * @param unlabelled unlabelled images the model may learn from (the unlabelled track), or null
 * @param pseudoLabels self-training: another run labels the unlabelled images this run trains on
 *     beside its labelled ones, or null
 */
public record RunSpec(
    @JsonProperty("id") String model,
    Map<String, Object> params,
    Map<Integer, Map<String, Object>> paramsByN,
    List<Long> trainSeeds,
    AugmentSpec augment,
    List<StepSpec> onTheFly,
    FeatureSpec features,
    EnsembleSpec ensemble,
    Map<Integer, Double> reference,
    Boolean enabled,
    String label,
    Boolean save,
    UnlabelledSpec unlabelled,
    PseudoLabelSpec pseudoLabels) {

  public RunSpec {
    params = params == null ? Map.of() : params;
    paramsByN = paramsByN == null ? Map.of() : paramsByN;
    trainSeeds = trainSeeds == null || trainSeeds.isEmpty() ? List.of(0L) : List.copyOf(trainSeeds);
    onTheFly = onTheFly == null ? List.of() : List.copyOf(onTheFly);
    reference = reference == null ? Map.of() : Map.copyOf(reference);
    enabled = enabled == null || enabled;
    save = save != null && save;
  }

  /** The parameters for data drawn with {@code n} images per class. */
  public Map<String, Object> paramsFor(int n) {
    Map<String, Object> extra = paramsByN.get(n);
    if (extra == null) {
      return params;
    }
    return Params.merge(params, extra);
  }
}
