/** Helpers the host and plugins share without widening the API: checks, hashing, atomic writes. */
package org.rmnist.support;
