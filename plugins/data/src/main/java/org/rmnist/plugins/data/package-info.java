/**
 * The bundled MNIST-format dataset plugin: IDX files, Nielsen's exact RMNIST draw, stratified
 * draws, and Fashion-MNIST for pretraining.
 */
package org.rmnist.plugins.data;
