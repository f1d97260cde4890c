/**
 * Nielsen's classical baselines on raw pixels: SVMs through Tribuo's LibSVM, exact brute-force
 * k-NN, and CART trees and random forests that follow scikit-learn's splitting rules.
 */
package org.rmnist.plugins.baselines;
