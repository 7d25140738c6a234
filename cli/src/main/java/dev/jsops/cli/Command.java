package dev.jsops.cli;

/** A subcommand: its argument spec and what it does with parsed arguments. */
interface Command {
    Spec spec();

    /** Runs with parsed arguments; returns the exit code. Failures are thrown as {@link Cli.Failure}. */
    int run(Args args) throws Exception;
}
