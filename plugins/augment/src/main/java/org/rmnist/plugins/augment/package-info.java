/**
 * Image augmentations (shift, rotate, affine, elastic, intensity): each extension's {@code sample}
 * makes every random choice and its {@code apply} calls a pure, allocation-free kernel on float
 * arrays.
 */
package org.rmnist.plugins.augment;
