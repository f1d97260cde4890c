/** The {@code rmnist} command line (picocli): plugins, run, data. */
package org.rmnist.host.cli;
