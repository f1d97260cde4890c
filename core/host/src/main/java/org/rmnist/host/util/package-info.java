/** Small host utilities: atomic file writes, the project home, console progress, JSON. */
package org.rmnist.host.util;
