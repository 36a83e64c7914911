using System.CommandLine;
using Gantry.Cli.Bench;

namespace Gantry.Cli.Commands;

/// <summary><c>gantry bench-pipeline --model PATH --pp 0,1,2 --tp 2 --batch 8</c>: pipeline- and tensor-parallel step cost over loopback, one JSON object.</summary>
internal static class BenchPipelineCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var threads = CommonOptions.Threads();
        var stages = new Option<string>("--pp") { Description = "Comma-separated stage counts; 0 runs the model unsharded in this process (the baseline)", DefaultValueFactory = _ => "0,1,2" };
        var tensor = new Option<string>("--tp") { Description = "Comma-separated tensor-parallel shard counts, each run as one stage split that many ways (empty: none)", DefaultValueFactory = _ => "" };
        var batch = new Option<int>("--batch") { Description = "Concurrent sequences", DefaultValueFactory = _ => 8 };
        var promptTokens = new Option<int>("--prompt-tokens") { Description = "Prompt length of each sequence", DefaultValueFactory = _ => 32 };
        var genTokens = new Option<int>("--gen-tokens") { Description = "Tokens each sequence generates in the timed run", DefaultValueFactory = _ => 32 };
        var microBatches = new Option<string>("--pipeline-micro-batches")
        {
            Description = "Comma-separated micro-batch settings, each PP ≥ 2 run once per value (0: one per stage; 1: off)",
            DefaultValueFactory = _ => "1,0",
        };
        var activations = new Option<string>("--activation-dtype") { Description = "Activations on the wire: f32 or f16", DefaultValueFactory = _ => "f32" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random prompt tokens", DefaultValueFactory = _ => 1 };
        var command = new Command("bench-pipeline", "Measure pipeline- and tensor-parallel step time, transport share, bytes per token and worker memory on loopback (JSON)")
        {
            model, threads, stages, tensor, batch, promptTokens, genTokens, seed, microBatches, activations,
        };
        command.SetAction(parse =>
        {
            var path = ModelLocator.ResolveForLoad(parse.GetValue(model)!);
            if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
            var list = parse.GetValue(stages)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => int.TryParse(t, out var v) && v >= 0 ? v : throw new CliUsageException($"--pp: '{t}' is not a stage count")).ToArray();
            var shards = parse.GetValue(tensor)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => int.TryParse(t, out var v) && v >= 1 ? v : throw new CliUsageException($"--tp: '{t}' is not a shard count")).ToArray();
            var micro = parse.GetValue(microBatches)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => int.TryParse(t, out var v) && v >= 0 ? v : throw new CliUsageException($"--pipeline-micro-batches: '{t}' is not a count")).ToArray();
            Server.Distributed.ActivationWireType wire;
            try
            {
                wire = Server.Distributed.ActivationWire.Parse(parse.GetValue(activations)!);
            }
            catch (FormatException e)
            {
                throw new CliUsageException("--activation-dtype: " + e.Message);
            }
            var b = parse.GetValue(batch);
            if (b < 1) throw new CliUsageException($"--batch must be at least 1 (got {b})");
            var settings = new PipelineBench.Settings(path, list, b, Math.Max(1, parse.GetValue(promptTokens)), Math.Max(2, parse.GetValue(genTokens)),
                CommonOptions.CheckThreads(parse.GetValue(threads)), parse.GetValue(seed), shards, micro.Length == 0 ? [1] : micro, wire);
            using var stdout = Console.OpenStandardOutput();
            PipelineBench.Run(settings, stdout);
            Console.WriteLine();
            return 0;
        });
        return command;
    }
}
