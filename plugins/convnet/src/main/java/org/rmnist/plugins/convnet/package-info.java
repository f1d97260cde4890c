/**
 * Nielsen's convnet, a scikit-learn-style MLP and torchvision's ResNet-18, trained with DJL on
 * PyTorch through a lean loop of our own (no DJL Trainer): parameters initialised from the run's
 * seed, dropout masks drawn in Java, the learning rate folded into backward, one native sub-manager
 * per step; trained networks write themselves as ONNX graphs.
 */
package org.rmnist.plugins.convnet;
