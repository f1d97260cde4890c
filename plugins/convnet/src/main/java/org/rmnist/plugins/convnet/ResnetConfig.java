package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.api.NetworkInput;
import org.rmnist.support.Checks;

/**
 * Config of {@code resnet18}: torchvision's ResNet-18 topology trained from scratch on grey images
 * resized to {@code size} and copied to three ImageNet-normalised channels; SGD with momentum 0.9,
 * weight decay 5e-4 and a cosine schedule at batch 128 (the usual CIFAR recipe).
 */
public record ResnetConfig(
    @Doc("side of the square network input in pixels; grey images are resized to it and copied "
            + "to 3 channels; 8..512 (torchvision: 224; 32 suits 28-px images)")
        int size,
    @Doc("how images reach size x size: bilinear (PyTorch's interpolate, align_corners=False), "
            + "nearest, or pad (centred on zeros; needs size >= the images' side)")
        String resize,
    @Doc("subtracted from each channel after resizing: 1 value or 3 (one per channel); -10..10 "
            + "(ImageNet: [0.485, 0.456, 0.406])")
        List<Double> mean,
    @Doc("divides each channel after subtracting: 1 value or 3, each > 0 (ImageNet: [0.229, "
            + "0.224, 0.225])")
        List<Double> std,
    @Doc("channels of the stem and the first stage; every later stage doubles them; 1..1024 "
            + "(ResNet-18: 64)")
        int width,
    @Doc("BasicBlocks per stage; its length is the number of stages (the last has width*2^"
            + "(stages-1) <= 8192 channels); 1..8 stages of 1..64 (ResNet-18: [2, 2, 2, 2], "
            + "ResNet-34: [3, 4, 6, 3])")
        List<Integer> blocks,
    @Doc("sgd or adam") String optimizer,
    @Doc("base learning rate; > 0") double lr,
    @Doc("SGD momentum as PyTorch's (buf = m*buf + g; w -= lr*buf); [0, 1)") double momentum,
    @Doc("Nesterov momentum (sgd with momentum > 0 only)") boolean nesterov,
    @Doc("L2 weight decay added to every gradient, batch-norm parameters included (PyTorch's "
            + "weight_decay); [0, 1]")
        double weightDecay,
    @Doc("Adam's beta1; [0, 1)") double beta1,
    @Doc("Adam's beta2; [0, 1)") double beta2,
    @Doc("Adam's epsilon; > 0") double epsilon,
    @Doc("learning rate per epoch e = 1..epochs: nielsen = lr*0.8^(floor(e/10)+1); constant; "
            + "cosine = lr*(1+cos(pi*(e-1-warmup)/(epochs-warmup)))/2")
        String schedule,
    @Doc("epochs of linear warm-up (lr*e/warmupEpochs) before the schedule; 0..epochs-1")
        int warmupEpochs,
    @Doc("training epochs; 1..100000") int epochs,
    @Doc("images per step; 0 = min(200, n); 0..65536") int batchSize,
    @Doc("true: shuffle once and reuse the same batches every epoch; false: reshuffle every epoch")
        boolean fixedBatches,
    @Doc("evaluate on the validation set every k epochs and after the last (curve.csv, facts); "
            + "0 = never; 0..100000")
        int evalEvery,
    @Doc("restore the parameters of the best validation epoch (selection on validation: reported "
            + "in facts); needs evalEvery >= 1")
        boolean keepBest,
    @Doc("libtorch intra-op threads while training and predicting (process-wide); 0 = the run's "
            + "thread count; 1..256. Default 1: on a 2-core machine busy with other runs, 2 "
            + "threads measured 3x slower per step")
        int threads) {

  /** ImageNet's channel means, as torchvision's pretrained models expect. */
  public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);

  /** ImageNet's channel standard deviations. */
  public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

  /** The most channels the last stage may have. */
  static final int MAX_CHANNELS = 8192;

  public ResnetConfig {
    Checks.range("size", size, 8, 512, "");
    Checks.oneOf("resize", resize, NetworkInput.RESIZES);
    mean = perChannel("mean", mean);
    mean.forEach(m -> Checks.range("mean", m, -10, 10));
    std = perChannel("std", std);
    std.forEach(s -> Checks.positive("std", s));
    Checks.range("width", width, 1, 1024, "");
    blocks = Checks.list("blocks", blocks, 1, 8);
    blocks.forEach(b -> Checks.range("blocks", b, 1, 64, ""));
    long last = (long) width << (blocks.size() - 1);
    if (last > MAX_CHANNELS) {
      throw new IllegalArgumentException("width: " + width + " with " + blocks.size()
          + " stages gives the last stage width*2^" + (blocks.size() - 1) + " = " + last
          + " channels, at most " + MAX_CHANNELS + " allowed");
    }
    Training.check(
        new Training(optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2, epsilon,
            schedule, warmupEpochs, epochs, batchSize, fixedBatches, evalEvery, keepBest, threads));
  }

  private static List<Double> perChannel(String key, List<Double> values) {
    List<Double> copy = Checks.list(key, values, 1, 3);
    if (copy.size() == 2) {
      throw new IllegalArgumentException(key + ": must hold 1 value or 3 (one per channel), got "
          + copy.size() + " " + copy);
    }
    return copy;
  }

  /** ResNet-18 at 32 x 32, ImageNet's normalisation; SGD 0.1, momentum 0.9, cosine, 30 epochs. */
  public static ResnetConfig defaults() {
    return new ResnetConfig(32, "bilinear", IMAGENET_MEAN, IMAGENET_STD, 64, List.of(2, 2, 2, 2),
        "sgd", 0.1, 0.9, false, 5e-4, 0.9, 0.999, 1e-8, "cosine", 0, 30, 128, false, 0, false, 1);
  }

  /** How grey images become the network's (and its ONNX graph's) input. */
  NetworkInput networkInput() {
    return new NetworkInput(size, 3, "nchw", resize, mean, std);
  }

  /** The training options of this config. */
  Training training() {
    return new Training(optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2, epsilon,
        schedule, warmupEpochs, epochs, batchSize, fixedBatches, evalEvery, keepBest, threads);
  }
}
