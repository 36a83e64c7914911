using Gantry.Models.Architectures;
using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Server.Distributed;
using Gantry.Tensors.Threading;
using Microsoft.AspNetCore.Builder;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// N pipeline stages of one GGUF file, each a real gRPC worker on its own loopback port (in-process Kestrel), split
/// by size as <c>--pp N</c> splits, and each optionally split into M tensor shards (<c>--tp M</c>; workers listed
/// stage by stage, shards in rank order, each on its own worker pool as they run side by side). A worker can be
/// stopped (as if killed) and started again on the same port.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly string _path;
    private readonly WorkerPool[] _pools;
    private readonly WebApplication?[] _hosts;
    private readonly StageWorker?[] _workers;
    private readonly LayerRange[] _ranges;
    private readonly int _shards;

    private PipelineHarness(string path, LayerRange[] ranges, int shards)
    {
        _path = path;
        _ranges = ranges;
        _shards = shards;
        var count = ranges.Length * shards;
        _pools = Enumerable.Range(0, count).Select(_ => new WorkerPool(1)).ToArray();
        _hosts = new WebApplication?[count];
        _workers = new StageWorker?[count];
        Urls = new Uri[count];
    }

    public Uri[] Urls { get; }

    public IReadOnlyList<LayerRange> Ranges => _ranges;

    public static async Task<PipelineHarness> StartAsync(string path, int stages, int tensorShards = 1)
    {
        LayerRange[] ranges;
        using (var file = GgufFile.Open(path)) ranges = LayerSplitter.BySize(file, ModelLoader.ReadInfo(file).LayerCount, stages);
        var harness = new PipelineHarness(path, ranges, tensorShards);
        for (var i = 0; i < harness.Urls.Length; i++) await harness.StartStageAsync(i, 0);
        return harness;
    }

    /// <summary>A pipeline model over these stages, as <c>gantry serve --pipeline-workers</c> builds it.</summary>
    public PipelineModel Model(TimeSpan? timeout = null, IReadOnlyList<Uri>? urls = null, PipelineTransport? transport = null) =>
        new(GgufFile.Open(_path), urls ?? Urls, timeout ?? TimeSpan.FromSeconds(60), transport);

    /// <summary>Stops stage <paramref name="i"/> at once, as a killed worker would vanish (its KV cache with it).</summary>
    public async Task StopStageAsync(int i)
    {
        if (_hosts[i] is not { } app) return;
        _hosts[i] = null;
        await app.StopAsync(new CancellationToken(canceled: true));
        await app.DisposeAsync();
        _workers[i]!.Dispose(); // the host does not own the instance it was given
        _workers[i] = null;
    }

    /// <summary>Starts stage <paramref name="i"/> again on its old port: a fresh worker with an empty cache.</summary>
    public Task RestartStageAsync(int i) => StartStageAsync(i, Urls[i].Port);

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _hosts.Length; i++) await StopStageAsync(i);
        foreach (var pool in _pools) pool.Dispose();
    }

    private async Task StartStageAsync(int i, int port)
    {
        var (range, slice) = (_ranges[i / _shards], new TensorSlice(i % _shards, _shards));
        var stage = _shards == 1 ? ModelLoader.LoadStage(GgufFile.Open(_path), _pools[i], range, ownsFile: true)
            : ModelLoader.LoadShard(GgufFile.Open(_path), _pools[i], range, slice, ownsFile: true);
        var worker = new StageWorker(stage);
        var app = StageWorkerHost.Build(worker, "127.0.0.1", port);
        await app.StartAsync();
        _hosts[i] = app;
        _workers[i] = worker;
        Urls[i] = StageWorkerHost.Address(app);
    }
}
