/**
 * Nielsen's convnet and a scikit-learn-style MLP, trained with DJL on PyTorch through a lean loop
 * of our own (no DJL Trainer): parameters initialised from the run's seed, dropout masks drawn in
 * Java, the learning rate folded into backward, one native sub-manager per step.
 */
package org.rmnist.plugins.convnet;
