/**
 * Training set builders that choose N real images per class from the labelled pool (coresets):
 * class-mean prototypes, herding, k-center greedy, and a search that scores candidate sets by a
 * 1-NN classifier on a selection split it carves from the pool itself. Each works in a space named
 * by its config: raw pixels, blurred pixels, or the pool's features from any feature extractor
 * (which the host computes and caches).
 */
package org.rmnist.plugins.supertrain;
