/**
 * Launchers: {@code local} starts worker processes on this machine, {@code slurm} submits them as
 * one Slurm job array. Both start the host's worker command and wait; the workers share the
 * experiment's folder through lock files.
 */
package org.rmnist.plugins.launch;
