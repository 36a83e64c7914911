using System.CommandLine;
using Gantry.Models.Attention;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Commands;

/// <summary>Options shared by the commands that load a model.</summary>
internal static class CommonOptions
{
    public static Option<string> Model(bool required = true) => new("--model", "-m")
    {
        Description = "Path to a GGUF model file, or hf://OWNER/REPO/FILE.gguf (downloaded into the Hugging Face cache)",
        Required = required,
    };

    public static Option<int> Threads() => new("--threads", "-t")
    {
        Description = "Worker threads for the model (default: physical cores)",
        DefaultValueFactory = _ => WorkerPool.DefaultThreadCount,
    };

    public static Option<bool> NoRepack() => new("--no-repack")
    {
        Description = "Read every weight straight from the mapped file instead of repacking Q4_0 and Q8_0 weights at load for the eight-row kernels (AVX2 path)",
    };

    public static Option<bool> RepackAtLoad() => new("--repack-at-load")
    {
        Description = "Repack weights before the first token instead of a block per step after it (slower first token; logits then match a model repacked at load from the first step on)",
    };

    public static int CheckThreads(int threads) =>
        threads is >= 1 and <= 1024 ? threads : throw new CliUsageException($"--threads must be between 1 and 1024 (got {threads})");

    public static Option<int> StreamInterval() => new("--stream-interval")
    {
        Description = "Tokens streamed to a client at once after its first token (1: each token as it is sampled; larger: less CPU per token, burstier streams)",
        DefaultValueFactory = _ => 1,
    };

    public static int CheckStreamInterval(int interval) =>
        interval >= 1 ? interval : throw new CliUsageException($"--stream-interval must be at least 1 (got {interval})");

    public static KvCacheType ParseKvCacheType(string s) => s.ToLowerInvariant() switch
    {
        "f32" => KvCacheType.F32,
        "q8_0" or "int8" => KvCacheType.Q8_0,
        _ => throw new CliUsageException($"--kv-cache-type must be f32 or q8_0 (got '{s}')"),
    };
}
