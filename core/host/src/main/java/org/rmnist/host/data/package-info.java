/** Data set manifests, fetching and verifying data files, and where datasets look for them. */
package org.rmnist.host.data;
