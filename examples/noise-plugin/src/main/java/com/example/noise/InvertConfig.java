package com.example.noise;

/** {@code invert} has no parameters. */
public record InvertConfig() {}
