/**
 * Runs an experiment matrix: plans it (binding every config, hashing every input file), trains,
 * evaluates, records which code made each result, writes atomically and resumes.
 */
package org.rmnist.host.run;
