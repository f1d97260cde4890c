/**
 * PF4J plugin loading, the id registry of extensions, and binding of YAML parameters to configs.
 */
package org.rmnist.host.plugin;
