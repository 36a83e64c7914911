using Gantry.Models.Architectures;
using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Server.Distributed;
using Gantry.Tensors.Threading;
using Microsoft.AspNetCore.Builder;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// N pipeline stages of one GGUF file, each a real gRPC worker on its own loopback port (in-process Kestrel), split
/// by size as <c>--pp N</c> splits. A stage can be stopped (as if killed) and started again on the same port.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly string _path;
    private readonly WorkerPool _pool = new(1);
    private readonly WebApplication?[] _hosts;
    private readonly StageWorker?[] _workers;
    private readonly LayerRange[] _ranges;

    private PipelineHarness(string path, LayerRange[] ranges)
    {
        _path = path;
        _ranges = ranges;
        _hosts = new WebApplication?[ranges.Length];
        _workers = new StageWorker?[ranges.Length];
        Urls = new Uri[ranges.Length];
    }

    public Uri[] Urls { get; }

    public IReadOnlyList<LayerRange> Ranges => _ranges;

    public static async Task<PipelineHarness> StartAsync(string path, int stages)
    {
        LayerRange[] ranges;
        using (var file = GgufFile.Open(path)) ranges = LayerSplitter.BySize(file, ModelLoader.ReadInfo(file).LayerCount, stages);
        var harness = new PipelineHarness(path, ranges);
        for (var i = 0; i < stages; i++) await harness.StartStageAsync(i, 0);
        return harness;
    }

    /// <summary>A pipeline model over these stages, as <c>gantry serve --pipeline-workers</c> builds it.</summary>
    public PipelineModel Model(TimeSpan? timeout = null) => new(GgufFile.Open(_path), Urls, timeout ?? TimeSpan.FromSeconds(60));

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
        _pool.Dispose();
    }

    private async Task StartStageAsync(int i, int port)
    {
        var stage = ModelLoader.LoadStage(GgufFile.Open(_path), _pool, _ranges[i], ownsFile: true);
        var worker = new StageWorker(stage);
        var app = StageWorkerHost.Build(worker, "127.0.0.1", port);
        await app.StartAsync();
        _hosts[i] = app;
        _workers[i] = worker;
        Urls[i] = StageWorkerHost.Address(app);
    }
}
