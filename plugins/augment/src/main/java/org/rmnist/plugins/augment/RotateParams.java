package org.rmnist.plugins.augment;

/**
 * One application of {@code rotate}.
 *
 * @param degrees the angle, counter-clockwise as displayed
 */
public record RotateParams(double degrees) {}
