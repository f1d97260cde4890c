package org.rmnist.api;

import java.nio.file.Path;

/**
 * How one worker of a {@link Launcher} ended.
 *
 * @param worker a name for messages, e.g. {@code worker 2} or {@code array task 1234_5}
 * @param exitCode its exit code ({@link LaunchContext#EXIT_OK} and the other codes; anything else
 *     is a crash), or -1 when unknown
 * @param log the file its output went to, or null when there is none
 */
public record WorkerExit(String worker, int exitCode, Path log) {}
