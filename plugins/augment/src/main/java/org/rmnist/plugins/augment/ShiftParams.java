package org.rmnist.plugins.augment;

/**
 * One application of {@code shift}.
 *
 * @param dx pixels to the right (negative: left)
 * @param dy pixels down (negative: up)
 */
public record ShiftParams(int dx, int dy) {}
