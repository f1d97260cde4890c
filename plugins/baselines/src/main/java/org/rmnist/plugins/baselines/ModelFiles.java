package org.rmnist.plugins.baselines;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rmnist.api.DataFormatException;
import org.rmnist.support.AtomicFiles;

/** The small binary files the k-NN and tree models save: a magic line, a version, then data. */
final class ModelFiles {
  static final int VERSION = 1;

  /** Writes a body. */
  @FunctionalInterface
  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads a body; {@code where} names the file for error messages. */
  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputStream in, String where) throws IOException;
  }

  private ModelFiles() {}

  /** Writes {@code dir/name} atomically: {@code magic}, {@link #VERSION}, then the body. */
  static void write(Path dir, String name, String magic, Writer body) throws IOException {
    AtomicFiles.write(
        dir.resolve(name),
        stream -> {
          DataOutputStream out = new DataOutputStream(stream);
          out.writeUTF(magic);
          out.writeInt(VERSION);
          body.write(out);
          out.flush();
        });
  }

  /** Reads {@code dir/name}, checking its magic and version and that nothing trails the body. */
  static <T> T read(Path dir, String name, String magic, Reader<T> body) throws IOException {
    Path file = dir.resolve(name);
    String where = file.toString();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      String found = in.readUTF();
      if (!found.equals(magic)) {
        throw new DataFormatException(
            where + ": starts with '" + found + "', expected '" + magic + "'");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new DataFormatException(
            where + ": format version " + version + ", this plugin reads " + VERSION);
      }
      T result = body.read(in, where);
      if (in.read() != -1) {
        throw new DataFormatException(where + ": trailing bytes after the model");
      }
      return result;
    } catch (EOFException e) {
      throw new DataFormatException(where + ": ends early (truncated file)");
    }
  }

  /** Writes {@code values} one float after another. */
  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  /** Reads {@code count} floats that {@link #writeFloats} wrote. */
  static float[] readFloats(DataInputStream in, int count) throws IOException {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }

  /** {@code value} as a count in [1, max], or a {@link DataFormatException} naming it. */
  static int checkedCount(int value, int max, String where, String what) throws IOException {
    if (value < 1 || value > max) {
      throw new DataFormatException(where + ": " + what + " " + value + " outside 1.." + max);
    }
    return value;
  }
}
