package org.rmnist.api;

/**
 * Which training set to draw.
 *
 * @param n images per class; 0 asks for the whole training pool
 * @param drawSeed the seed of the draw (protocols that fix their own draw may ignore it)
 */
public record DatasetRequest(int n, long drawSeed) {
  public DatasetRequest {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 (0 = whole pool), got " + n);
    }
  }
}
