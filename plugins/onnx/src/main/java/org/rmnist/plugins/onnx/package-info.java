/**
 * The {@code onnx} feature extractor: any tensor of an ONNX image model, run with ONNX Runtime
 * (from the host's class path) on resized, normalised digits.
 */
package org.rmnist.plugins.onnx;
