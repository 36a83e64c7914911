using System.CommandLine;
using Gantry.Models.Architectures;
using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Server.Distributed;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry worker --model FILE (--layers START-END | --stage I/N) [--tp-rank I/N] [--host H] [--port P]</c>: one
/// pipeline stage, or one tensor-parallel shard of it, over gRPC. It maps the file and binds only its blocks (plus the
/// embedding on the first stage and the head on the last), with <c>--tp-rank</c> only its heads' and feed-forward
/// columns' slices of them, keeps the KV cache of its blocks (and heads), and runs whatever steps its leader
/// (<c>gantry serve --pipeline-workers / --tensor-workers</c>) sends. Runs until SIGTERM/Ctrl+C.
/// </summary>
internal static class WorkerCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var threads = CommonOptions.Threads();
        var layers = new Option<string?>("--layers") { Description = "Blocks this stage runs, START-END (END exclusive)" };
        var stage = new Option<string?>("--stage") { Description = "I/N: the I-th (from 0) of N stages split by size, instead of --layers" };
        var tpRank = new Option<string?>("--tp-rank") { Description = "I/N: hold the I-th (from 0) of N tensor-parallel shards (attention heads, feed-forward columns) of the blocks; every block unless --layers or --stage" };
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0: a free one, printed)", DefaultValueFactory = _ => 9000 };
        var command = new Command("worker", "Serve one pipeline stage (a layer range of a model), or a tensor-parallel shard of it, to a leader over gRPC") { model, layers, stage, tpRank, host, port, threads };
        command.SetAction(parse =>
        {
            var p = parse.GetValue(port);
            if (p is < 0 or > 65535) throw new CliUsageException($"--port must be in 0..65535 (got {p})");
            var path = ModelLocator.ResolveForLoad(parse.GetValue(model)!);
            using var pool = new WorkerPool(CommonOptions.CheckThreads(parse.GetValue(threads)));
            var file = GgufFile.Open(path);
            IModelStage loaded;
            try
            {
                var slice = Slice(parse.GetValue(tpRank));
                var range = Range(file, parse.GetValue(layers), parse.GetValue(stage), wholeByDefault: slice is not null);
                loaded = slice is { } s ? ModelLoader.LoadShard(file, pool, range, s, ownsFile: true) : ModelLoader.LoadStage(file, pool, range, ownsFile: true);
            }
            catch
            {
                file.Dispose();
                throw;
            }
            using var worker = new StageWorker(loaded);
            var app = StageWorkerHost.Build(worker, parse.GetValue(host)!, p);
            app.StartAsync().GetAwaiter().GetResult();
            var shard = loaded.Slice.IsWhole ? "" : $", tensor shard {loaded.Slice}";
            Console.Error.WriteLine($"gantry: worker serving layers {loaded.Layers} of {loaded.Info.LayerCount}{shard} ({Path.GetFileName(path)}) at {StageWorkerHost.Address(app)}");
            StageWorkerHost.WaitForShutdownAsync(app).GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return 0;
        });
        return command;
    }

    private static TensorSlice? Slice(string? text)
    {
        if (text is null) return null;
        try { return TensorSlice.Parse(text); }
        catch (FormatException e) { throw new CliUsageException("--tp-rank: " + e.Message); }
    }

    private static LayerRange Range(GgufFile file, string? layers, string? stage, bool wholeByDefault)
    {
        var layerCount = ModelLoader.ReadInfo(file).LayerCount;
        if (layers is null && stage is null && wholeByDefault) return new LayerRange(0, layerCount);
        if ((layers is null) == (stage is null)) throw new CliUsageException("give exactly one of --layers START-END or --stage I/N");
        if (layers is not null)
        {
            LayerRange range;
            try { range = LayerRange.Parse(layers); }
            catch (FormatException e) { throw new CliUsageException("--layers: " + e.Message); }
            if (range.End > layerCount) throw new CliUsageException($"--layers {range} does not fit the model's {layerCount} layers");
            return range;
        }
        var slash = stage!.IndexOf('/');
        if (slash <= 0 || !int.TryParse(stage.AsSpan(0, slash), out var i) || !int.TryParse(stage.AsSpan(slash + 1), out var n) || n < 1 || n > layerCount || i < 0 || i >= n)
            throw new CliUsageException($"--stage must be I/N with 0 <= I < N <= {layerCount} (got '{stage}')");
        return LayerSplitter.BySize(file, layerCount, n)[i];
    }
}
