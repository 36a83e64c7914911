using Gantry.Cli.Bench;
using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Tests.Bench;

public sealed class EngineProbeTests
{
    [Fact]
    public void WasteWhileAllRunning_TwoPrompts_SeesThemRunningAndLeavesNothingBehind()
    {
        using var pool = new WorkerPool(1);
        using var model = ModelLoader.Load(SharedModels.Stories260K, pool);
        using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 8 << 20 });
        int[][] prompts = [[1, 100, 200, 300, 400], [1, 50, 60]];

        var waste = EngineProbe.WasteWhileAllRunning(engine, prompts, model.Info.ContextLength - 5);

        // Seen while both ran (the requests may run to the end of the context, far longer than one look takes).
        Assert.NotNull(waste);
        Assert.InRange(waste!.Value, 0, 1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Stats.Running > 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(0, engine.Stats.Running); // cancelled, not left generating
    }
}
