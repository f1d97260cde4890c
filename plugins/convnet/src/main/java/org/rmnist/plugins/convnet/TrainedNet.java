package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.OnnxExportable;
import org.rmnist.api.Predictions;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.support.AtomicFiles;

/**
 * A trained network: its tensors in a native manager of their own (closed by {@link #close}),
 * softmax predictions, save/load as DJL's NDList encoding plus a properties file that records the
 * model id, classes, image shape, architecture (checked on load) and the full config, and export as
 * an ONNX graph.
 */
final class TrainedNet implements TrainedModel, OnnxExportable {
  static final String TENSORS = "parameters.ndlist";
  static final String META = "model.properties";
  static final String FORMAT = "rmnist-convnet-djl-1";

  private final String id;
  private final NDManager manager;
  private final Net net;
  private final int classes;
  private final ImageShape shape;
  private final String architecture;
  private final String config;
  private final int threads;
  private final Map<String, Object> facts;

  private TrainedNet(
      String id,
      NDManager manager,
      Net net,
      int classes,
      ImageShape shape,
      String architecture,
      String config,
      int threads,
      Map<String, Object> facts) {
    this.id = id;
    this.manager = manager;
    this.net = net;
    this.classes = classes;
    this.shape = shape;
    this.architecture = architecture;
    this.config = config;
    this.threads = threads;
    this.facts = facts;
  }

  /** Initialises {@code net} from the context's seed and trains it. */
  static TrainedNet fit(
      String id,
      Net net,
      String architecture,
      Record config,
      Training t,
      ImageSet train,
      ImageSet validation,
      TrainContext ctx)
      throws IOException {
    return fit(
        id,
        net,
        architecture,
        config,
        Fitter.threads(t, ctx),
        train.shape(),
        ctx,
        manager -> new Fitter(net, manager, t, ctx).run(train, validation));
  }

  /** How a network is trained once initialised in {@code manager}; returns the run's facts. */
  @FunctionalInterface
  interface Body {
    Map<String, Object> train(NDManager manager) throws IOException;
  }

  /**
   * Initialises {@code net} from the context's seed and trains it with {@code body}; the result
   * predicts with {@code threads} threads on images of {@code shape}.
   */
  static TrainedNet fit(
      String id,
      Net net,
      String architecture,
      Record config,
      int threads,
      ImageShape shape,
      TrainContext ctx,
      Body body)
      throws IOException {
    NDManager manager = Torch.newManager();
    try {
      net.initialise(manager, ctx.seed());
      Map<String, Object> facts = body.train(manager);
      return new TrainedNet(
          id,
          manager,
          net,
          ctx.classes(),
          shape,
          architecture,
          config.toString(),
          threads,
          Collections.unmodifiableMap(facts));
    } catch (IOException | RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  /** Reads what {@link #save} wrote; {@code build} makes the network for (shape, classes). */
  static TrainedNet load(
      String id,
      String architecture,
      Record config,
      int threads,
      Path dir,
      BiFunction<ImageShape, Integer, Net> build)
      throws IOException {
    Path metaFile = dir.resolve(META);
    Properties meta = new Properties();
    try {
      meta.load(new StringReader(Files.readString(metaFile, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(metaFile.toString(), null, "no saved " + id + " model here");
    }
    String where = metaFile.toString();
    expect(meta, "format", FORMAT, where);
    expect(meta, "model", id, where);
    expect(meta, "architecture", architecture, where);
    int classes = integer(meta, "classes", where);
    ImageShape shape =
        new ImageShape(
            integer(meta, "channels", where),
            integer(meta, "height", where),
            integer(meta, "width", where));
    Net net = build.apply(shape, classes);
    NDManager manager = Torch.newManager();
    Path tensors = dir.resolve(TENSORS);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tensors))) {
      NDList list = NDList.decode(manager, in);
      net.load(list, tensors.toString());
    } catch (IOException | RuntimeException e) {
      manager.close();
      if (e instanceof IOException io) {
        throw io;
      }
      throw new DataFormatException(tensors + ": unreadable tensors (" + e.getMessage() + ")");
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("loadedFrom", dir.toString());
    facts.put("parameters", net.parameterCount());
    facts.put("savedConfig", meta.getProperty("config", ""));
    return new TrainedNet(
        id,
        manager,
        net,
        classes,
        shape,
        architecture,
        config.toString(),
        threads,
        Collections.unmodifiableMap(facts));
  }

  private static void expect(Properties meta, String key, String value, String where)
      throws DataFormatException {
    String found = meta.getProperty(key);
    if (!value.equals(found)) {
      throw new DataFormatException(
          where + ": " + key + " is '" + found + "', this config needs '" + value + "'");
    }
  }

  private static int integer(Properties meta, String key, String where) throws DataFormatException {
    try {
      return Integer.parseInt(meta.getProperty(key, ""));
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          where + ": " + key + " is not an integer: '" + meta.getProperty(key) + "'");
    }
  }

  @Override
  public Predictions predict(ImageSet images) {
    if (!images.shape().equals(shape)) {
      throw new IllegalArgumentException(
          "model was trained on images of "
              + shape
              + " ("
              + shape.size()
              + " pixels), got "
              + images.shape());
    }
    Torch.LOCK.lock();
    int before = Torch.threads();
    try {
      Torch.setThreads(threads);
      return new Predictions(Inference.scores(net, manager, images, classes, false), classes);
    } finally {
      Torch.setThreads(before);
      Torch.LOCK.unlock();
    }
  }

  /** Raw class scores (before softmax) of each image, row-major; for tests. */
  float[] logits(ImageSet images) {
    Torch.LOCK.lock();
    try {
      return Inference.outputs(net, manager, images, classes, x -> net.forward(x, false, null));
    } finally {
      Torch.LOCK.unlock();
    }
  }

  Net net() {
    return net;
  }

  NDManager manager() {
    return manager;
  }

  @Override
  public NetworkInput onnxInput() {
    return net.onnxInput();
  }

  /**
   * Writes the graph {@link Net#writeOnnx} builds from the trained tensors (opset 13); its metadata
   * names the model, its architecture, classes and input.
   */
  @Override
  public List<String> exportOnnx(Path file) throws IOException {
    OnnxWriter g = new OnnxWriter(net, "rmnist-" + id);
    net.writeOnnx(g);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("rmnist.model", id);
    metadata.put("rmnist.architecture", architecture);
    metadata.put("rmnist.classes", Integer.toString(classes));
    metadata.put("rmnist.input", net.onnxInput().toString());
    byte[] bytes =
        g.build("rmnist " + id + " (" + architecture + "), trained with DJL on PyTorch", metadata)
            .toByteArray();
    AtomicFiles.write(file, bytes);
    return g.outputs();
  }

  @Override
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve(TENSORS), out -> new NDList(net.tensors()).encode(out));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("model", id);
    meta.put("classes", Integer.toString(classes));
    meta.put("channels", Integer.toString(shape.channels()));
    meta.put("height", Integer.toString(shape.height()));
    meta.put("width", Integer.toString(shape.width()));
    meta.put("architecture", architecture);
    meta.put("config", config);
    AtomicFiles.writeString(dir.resolve(META), properties(meta));
  }

  /** Properties text in a fixed order and without Properties.store's date line. */
  private static String properties(Map<String, String> meta) throws IOException {
    StringBuilder sb = new StringBuilder("# rmnist convnet model\n");
    for (Map.Entry<String, String> e : meta.entrySet()) {
      Properties one = new Properties();
      one.setProperty(e.getKey(), e.getValue());
      StringWriter w = new StringWriter();
      one.store(w, null);
      sb.append(
              w.toString()
                  .lines()
                  .filter(l -> !l.startsWith("#"))
                  .collect(Collectors.joining("\n")))
          .append('\n');
    }
    return sb.toString();
  }

  @Override
  public Map<String, Object> facts() {
    return facts;
  }

  @Override
  public void close() {
    manager.close();
  }
}
