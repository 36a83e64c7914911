// Commands write to Console, which is process-wide; tests that redirect it must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Gantry.Cli.Tests;

/// <summary>Runs <c>gantry</c> in-process with stdout and stderr captured.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => RunWithInput("", args);

    /// <summary>As <see cref="Run"/>, with <paramref name="stdin"/> as standard input.</summary>
    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        var oldIn = Console.In;
        Console.SetIn(new StringReader(stdin));
        try
        {
            return RunCaptured(args);
        }
        finally
        {
            Console.SetIn(oldIn);
        }
    }

    private static CliResult RunCaptured(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = GantryCommand.Run(args);
            return new CliResult(exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
