/** The experiment file: YAML schema, key=value overrides, validation with precise messages. */
package org.rmnist.host.config;
