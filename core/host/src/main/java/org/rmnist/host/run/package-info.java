/** Runs an experiment matrix: plans, trains, evaluates, writes results atomically and resumes. */
package org.rmnist.host.run;
