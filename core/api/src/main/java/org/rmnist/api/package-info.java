/**
 * The extension points (Dataset, Augmentation, Model, FeatureExtractor) and the values they
 * exchange.
 */
package org.rmnist.api;
