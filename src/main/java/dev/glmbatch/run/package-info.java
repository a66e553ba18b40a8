/**
 * Job runs: start, resume, stop, list and report, with dead-process detection.
 *
 * <p>
 * The package is split by concept, as Spring Batch splits the same ground between its
 * {@code JobOperator} (which launches, stops and restarts) and its {@code JobRepository}
 * (which holds state):
 * <ul>
 * <li>{@link dev.glmbatch.run.RunOperator} starts and resumes runs: it decides
 * resume-or-start and hands the execution to {@link dev.glmbatch.run.RunExecutor}, which
 * runs it on a thread of its own and returns a {@link dev.glmbatch.run.StartedRun} (the
 * run's id, and its outcome to come) once the run has an id. One
 * {@link dev.glmbatch.run.RunOptions} value says how; there is no callback to thread
 * through.</li>
 * <li>{@link dev.glmbatch.run.ActiveRuns} knows the runs this process executes, to stop
 * them together when the process stops and to wait for them.</li>
 * <li>{@link dev.glmbatch.run.Runs} reads the runs kept in the state database
 * ({@code list}, {@code status}, their files and settings) and signals a stop through it;
 * it needs nothing of the above, so the light context of the commands that start no run
 * ({@link dev.glmbatch.run.RunStateRuntime}) has it alone.</li>
 * <li>{@link dev.glmbatch.run.RunStatus} is the one status type, read from Spring Batch's
 * in one place.</li>
 * </ul>
 * The smaller parts sit beside them: the job parameters a run keeps
 * ({@code RunParameters}), the earlier runs the operator decides from ({@code PastRuns}),
 * the refusal of outputs that are not a new run's ({@code OutputGuard}), the outcome and
 * report of an ended execution ({@code OutcomeRecorder}) and the one-line reason of a
 * failure ({@code FailureReason}).
 */
@NullMarked
package dev.glmbatch.run;

import org.jspecify.annotations.NullMarked;
