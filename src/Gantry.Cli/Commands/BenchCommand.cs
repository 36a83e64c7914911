using System.CommandLine;
using System.Globalization;
using Gantry.Cli.Bench;
using Gantry.Engine;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry bench --model PATH …</c>: prefill and batched decode throughput through the engine, peak memory,
/// the machine's memory read bandwidth and how much of it decode uses, and (with <c>--prefix-tokens</c>) time to
/// first token with a cached prefix. <c>--json</c> prints one object whose field names are a contract.
/// </summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var threads = CommonOptions.Threads();
        var promptTokens = new Option<int>("--prompt-tokens") { Description = "Prompt length for prefill and for each decoding sequence", DefaultValueFactory = _ => 128 };
        var genTokens = new Option<int>("--gen-tokens") { Description = "Tokens each decoding sequence generates", DefaultValueFactory = _ => 64 };
        var batch = new Option<string>("--batch") { Description = "Comma-separated concurrent sequence counts for decode", DefaultValueFactory = _ => "1,4,8" };
        var prefixTokens = new Option<int>("--prefix-tokens") { Description = "Also time the first token after a cached prefix of this many tokens (0 = skip)", DefaultValueFactory = _ => 0 };
        var repeats = new Option<int>("--repeats") { Description = "Runs per figure; the median is reported", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random prompt tokens", DefaultValueFactory = _ => 1 };
        var bandwidthBuffer = new Option<string>("--bandwidth-buffer") { Description = "Buffer size for the memory bandwidth test", DefaultValueFactory = _ => "1GiB" };
        var kvMemory = new Option<string?>("--kv-cache-memory") { Description = "KV cache size (e.g. 512MiB; default: what the largest batch needs)" };
        var kvType = new Option<string>("--kv-cache-type") { Description = "f32 or q8_0", DefaultValueFactory = _ => "f32" };
        var noRepack = CommonOptions.NoRepack();
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var workload = new Option<string?>("--workload") { Description = "random (default), extractive (a text prompt whose answer copies it) or copying (a token-id prompt holding a span the model repeats; "
                          + "a whole cycle of the map a `synth --follow-map --map-cycle` model follows): also decode it with speculation off and on, alternating (needs --speculative)" };
        var promptFile = new Option<string?>("--prompt-file") { Description = "Text of the extractive prompt (default: a built-in story followed by its opening words); implies --workload extractive" };
        var skipConstrained = new Option<bool>("--skip-constrained") { Description = "Leave out the JSON-schema constrained comparison (a batch of 16; long on a real-size model)" };
        var speculative = new SpeculativeCliOptions();
        var command = new Command("bench", "Measure prefill, batched decode, memory bandwidth use and prefix-cached time to first token")
        {
            model, promptTokens, genTokens, batch, threads, prefixTokens, repeats, seed, bandwidthBuffer, kvMemory, kvType, json, workload, promptFile, noRepack, skipConstrained,
        };
        speculative.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(json) ? ModelLocator.Resolve(parse.GetValue(model)!) : ModelLocator.ResolveForLoad(parse.GetValue(model)!);
            if (!File.Exists(path)) throw new FileNotFoundException("model file not found", path);
            var specOptions = speculative.Parse(parse, out var draftPath);
            var file = parse.GetValue(promptFile);
            var work = ParseWorkload(parse.GetValue(workload), file);
            if (file is not null && !File.Exists(file)) throw new FileNotFoundException($"file not found: {file}", file);
            if (work != BenchWorkload.Random && specOptions.Method == Engine.Speculative.SpeculativeMethod.Off)
                throw new CliUsageException($"--workload {work.ToString().ToLowerInvariant()} compares speculation off and on; give --speculative ngram or --draft-model PATH");
            var settings = new BenchSettings(
                path,
                AtLeast("--prompt-tokens", parse.GetValue(promptTokens), 1),
                AtLeast("--gen-tokens", parse.GetValue(genTokens), 2),
                ParseBatchSizes(parse.GetValue(batch)!),
                CommonOptions.CheckThreads(parse.GetValue(threads)),
                AtLeast("--prefix-tokens", parse.GetValue(prefixTokens), 0),
                parse.GetValue(kvMemory) is { } text ? EngineOptions.ParseBytes(text) : null,
                CommonOptions.ParseKvCacheType(parse.GetValue(kvType)!),
                parse.GetValue(seed),
                AtLeast("--repeats", parse.GetValue(repeats), 1),
                EngineOptions.ParseBytes(parse.GetValue(bandwidthBuffer)!),
                specOptions,
                draftPath,
                work,
                file,
                Repack: !parse.GetValue(noRepack),
                SkipConstrained: parse.GetValue(skipConstrained));
            var asJson = parse.GetValue(json);
            BenchReport report;
            try
            {
                var progress = BenchProgress.For(settings, asJson);
                try
                {
                    report = BenchRunner.Run(settings, progress);
                }
                finally
                {
                    if (progress is BenchProgress bar) bar.Dispose();
                }
            }
            catch (InvalidOperationException e)
            {
                // The engine failed a request: not the user's input, but still one line rather than a stack trace.
                Console.Error.WriteLine("gantry: bench failed: " + e.Message);
                return 1;
            }
            if (asJson) report.WriteJson(Console.Out);
            else report.WriteText(Console.Out);
            return 0;
        });
        return command;
    }

    private static int AtLeast(string name, int value, int min) =>
        value >= min ? value : throw new CliUsageException($"{name} must be at least {min} (got {value})");

    internal static BenchWorkload ParseWorkload(string? text, string? promptFile) => text?.ToLowerInvariant() switch
    {
        null => promptFile is null ? BenchWorkload.Random : BenchWorkload.Extractive,
        "extractive" => BenchWorkload.Extractive,
        "random" when promptFile is null => BenchWorkload.Random,
        "copying" when promptFile is null => BenchWorkload.Copying,
        "random" or "copying" => throw new CliUsageException($"--prompt-file is the extractive workload's text; it cannot go with --workload {text}"),
        _ => throw new CliUsageException($"--workload must be random, extractive or copying (got '{text}')"),
    };

    internal static IReadOnlyList<int> ParseBatchSizes(string text)
    {
        var sizes = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 1024)
                throw new CliUsageException($"--batch takes comma-separated sizes from 1 to 1024 (got '{text}')");
            sizes.Add(n);
        }
        return sizes.Count > 0 ? [.. sizes] : throw new CliUsageException("--batch needs at least one size");
    }
}
