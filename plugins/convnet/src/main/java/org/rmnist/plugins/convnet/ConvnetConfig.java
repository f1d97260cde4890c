package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code convnet}. The defaults are Nielsen's network and protocol for RMNIST/10 (conv
 * 1→10 k5, max-pool 2, ReLU; conv 10→20 k5, Dropout2d 0.5, max-pool 2, ReLU; linear →50, ReLU,
 * dropout 0.5; linear →classes; plain SGD at 0.1 with his schedule, batch 10, 200 epochs, the same
 * batches every epoch).
 */
public record ConvnetConfig(
    @Doc("output channels of each conv block; its length is the depth; 1..16 blocks of 1..4096")
        List<Integer> channels,
    @Doc("kernel size per conv block (one value for all, or one per block); 1..31")
        List<Integer> kernels,
    @Doc("zero padding per conv block (one value or one per block); 0..15; 2 keeps k5 sizes")
        List<Integer> padding,
    @Doc("max-pool size (= stride) per conv block (one value or one per block); 1 = none; 1..8")
        List<Integer> pool,
    @Doc("batch norm after every conv and hidden linear layer (PyTorch's momentum 0.1, eps 1e-5)")
        boolean batchNorm,
    @Doc("channel dropout (Dropout2d) probability per conv block, one value or one per block; "
            + "[0, 1) (Nielsen: 0 then 0.5)")
        List<Double> dropout2d,
    @Doc("widths of the hidden linear layers; 0..8 layers of 1..65536 (Nielsen: [50])")
        List<Integer> dense,
    @Doc("dropout probability after each hidden linear layer; [0, 1) (Nielsen: 0.5)")
        double dropout,
    @Doc("inputs are (pixel - inputMean) / inputStd; -10..10 (Nielsen: 0.1)") double inputMean,
    @Doc("inputs are (pixel - inputMean) / inputStd; > 0 (Nielsen: 0.25)") double inputStd,
    @Doc("sgd or adam") String optimizer,
    @Doc("base learning rate; > 0 (Nielsen: 0.1 on RMNIST, 0.01 on MNIST)") double lr,
    @Doc("SGD momentum as PyTorch's (buf = m*buf + g; w -= lr*buf); [0, 1) (Nielsen: 0)")
        double momentum,
    @Doc("Nesterov momentum (sgd with momentum > 0 only)") boolean nesterov,
    @Doc("L2 weight decay added to every gradient (PyTorch's weight_decay); [0, 1]")
        double weightDecay,
    @Doc("Adam's beta1; [0, 1)") double beta1,
    @Doc("Adam's beta2; [0, 1)") double beta2,
    @Doc("Adam's epsilon; > 0") double epsilon,
    @Doc("learning rate per epoch e = 1..epochs: nielsen = lr*0.8^(floor(e/10)+1) (his script); "
            + "constant; cosine = lr*(1+cos(pi*(e-1-warmup)/(epochs-warmup)))/2")
        String schedule,
    @Doc("epochs of linear warm-up (lr*e/warmupEpochs) before the schedule; 0..epochs-1")
        int warmupEpochs,
    @Doc("training epochs; 1..100000 (Nielsen: 500 / 400 / 200 / 100 for N = 1 / 5 / 10 / all)")
        int epochs,
    @Doc("images per step; 0 = min(200, n); 0..65536 (Nielsen: 10)") int batchSize,
    @Doc("true: shuffle once and reuse the same batches in the same order every epoch (Nielsen's "
            + "list(train_loader)); false: reshuffle every epoch")
        boolean fixedBatches,
    @Doc("evaluate on the validation set every k epochs and after the last (curve.csv, facts); "
            + "0 = never; 0..100000")
        int evalEvery,
    @Doc("restore the parameters of the best validation epoch (selection on validation: reported "
            + "in facts); needs evalEvery >= 1")
        boolean keepBest,
    @Doc("libtorch intra-op threads while training and predicting (process-wide); 0 = the "
            + "run's thread count; 1..256. Default 1: measured fastest for this small net")
        int threads) {

  static final List<String> OPTIMIZERS = List.of("sgd", "adam");
  static final List<String> SCHEDULES = List.of("nielsen", "constant", "cosine");

  public ConvnetConfig {
    channels = Checks.list("channels", channels, 1, 16);
    int blocks = channels.size();
    for (int c : channels) {
      Checks.range("channels", c, 1, 4096, "");
    }
    kernels = Checks.perBlock("kernels", kernels, blocks);
    kernels.forEach(k -> Checks.range("kernels", k, 1, 31, ""));
    padding = Checks.perBlock("padding", padding, blocks);
    padding.forEach(p -> Checks.range("padding", p, 0, 15, ""));
    pool = Checks.perBlock("pool", pool, blocks);
    pool.forEach(p -> Checks.range("pool", p, 1, 8, " (1 = no pooling)"));
    dropout2d = Checks.perBlock("dropout2d", dropout2d, blocks);
    dropout2d.forEach(p -> Checks.probability("dropout2d", p));
    dense = Checks.list("dense", dense, 0, 8);
    dense.forEach(w -> Checks.range("dense", w, 1, 65536, ""));
    Checks.probability("dropout", dropout);
    Checks.range("inputMean", inputMean, -10, 10);
    Checks.positive("inputStd", inputStd);
    Training.check(
        new Training(optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2, epsilon,
            schedule, warmupEpochs, epochs, batchSize, fixedBatches, evalEvery, keepBest, threads));
  }

  /** Nielsen's network and RMNIST/10 protocol. */
  public static ConvnetConfig defaults() {
    return new ConvnetConfig(List.of(10, 20), List.of(5), List.of(0), List.of(2), false,
        List.of(0.0, 0.5), List.of(50), 0.5, 0.1, 0.25, "sgd", 0.1, 0, false, 0, 0.9, 0.999,
        1e-8, "nielsen", 0, 200, 10, true, 0, false, 1);
  }

  /** The training options of this config. */
  Training training() {
    return new Training(optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2, epsilon,
        schedule, warmupEpochs, epochs, batchSize, fixedBatches, evalEvery, keepBest, threads);
  }
}
