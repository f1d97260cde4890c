/** Builds PF4J plugin jars in tests: from Java sources or a compiled classes folder. */
package org.rmnist.testkit.jars;
