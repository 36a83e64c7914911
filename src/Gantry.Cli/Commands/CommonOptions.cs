using System.CommandLine;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Commands;

/// <summary>Options shared by the commands that load a model.</summary>
internal static class CommonOptions
{
    public static Option<string> Model(bool required = true) => new("--model", "-m")
    {
        Description = "Path to a GGUF model file",
        Required = required,
    };

    public static Option<int> Threads() => new("--threads", "-t")
    {
        Description = "Worker threads for the model (default: physical cores)",
        DefaultValueFactory = _ => WorkerPool.DefaultThreadCount,
    };

    public static int CheckThreads(int threads) =>
        threads is >= 1 and <= 1024 ? threads : throw new CliUsageException($"--threads must be between 1 and 1024 (got {threads})");
}
