/**
 * Contract tests for rmnist's four extension points, which a plugin's own test extends in a few
 * lines, and helpers that run a plugin jar through the real host.
 */
package org.rmnist.testkit;
