/**
 * Training set builders that synthesize N images per class from the labelled pool with first-order
 * methods on DJL + PyTorch (libtorch from the host): distribution matching (Zhao &amp; Bilen, WACV
 * 2023) and kernel ridge regression through random convnet features (as KIP, RFAD and FRePo do,
 * with a freshly drawn random network per step). Both draw every random number in Java from the
 * build seed and run libtorch on one thread, so a build is reproducible.
 */
package org.rmnist.plugins.synthesis;
