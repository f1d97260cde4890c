/** The rmnist host: loads plugins, runs YAML experiments, writes results. Knows only the API. */
package org.rmnist.host;
