/** Small host utilities: atomic writes, cached file hashes, the project home, progress, JSON. */
package org.rmnist.host.util;
