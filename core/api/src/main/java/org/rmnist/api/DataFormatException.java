package org.rmnist.api;

import java.io.IOException;

/** A data file is malformed; the message names the file and what is wrong with it. */
public class DataFormatException extends IOException {
  public DataFormatException(String message) {
    super(message);
  }
}
