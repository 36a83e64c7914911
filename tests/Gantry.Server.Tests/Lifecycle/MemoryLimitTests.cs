using System.Net;
using System.Text.Json;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Lifecycle;

public sealed class MemoryLimitTests
{
    [Fact]
    public async Task Load_PastModelMemory_RefusedWithClearError_AndNothingChanges()
    {
        // stories260K (1.1 MiB) + 16 MiB KV fits in 24 MiB; a second model of the same size does not.
        await using var host = await LifecycleHost.StartAsync(o => o with { ModelMemoryBytes = 24L << 20 });
        using var r = await host.PostAsync("/admin/models/second/load", JsonSerializer.Serialize(new { path = SharedModels.Stories260K, version = "v1" }));
        Assert.Equal((HttpStatusCode)507, r.StatusCode);
        Assert.Equal("insufficient_memory", await LifecycleHost.ErrorCode(r));
        using var swap = await host.PostAsync("/admin/models/stories/swap", JsonSerializer.Serialize(new { path = SharedModels.Stories260K, version = "v2" }));
        Assert.Equal((HttpStatusCode)507, swap.StatusCode); // a swap holds both versions for a moment
        using var ok = await host.CompleteAsync();
        Assert.Equal("v1", LifecycleHost.Version(ok));
    }
}
