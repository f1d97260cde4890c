/**
 * The {@code tensorflow} feature extractor: one output of one signature of a TensorFlow SavedModel,
 * run with TensorFlow Java (from the host's class path) on resized, normalised digits.
 */
package org.rmnist.plugins.tensorflow;
