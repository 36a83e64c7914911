using System.Diagnostics;
using System.Net;
using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary>Scale to zero: an idle model is freed (the process shrinks) and the next request loads it again and is served.
/// Runs alone (no other test class in parallel), since it reads the whole process's resident memory.</summary>
[Collection(RssCollection.Name)]
public sealed class IdleUnloadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IdleModel_IsUnloaded_RssDrops_NextRequestIsServed()
    {
        // A 15M-parameter F32 model (about 60 MiB, mapped): a request reads every weight, so all of it is resident.
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Small, "f32", seed: 7, file.Path);
        var fileBytes = new FileInfo(file.Path).Length;
        await using var host = await LifecycleHost.StartAsync(o => o with { IdleUnloadSeconds = 1, Models = [new ModelSpec(file.Path, "stories")] });
        using (var first = await host.CompleteAsync(maxTokens: 8)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var route = Assert.Single(host.Server.Registry.Routes);
        var loadedRss = Rss();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (route.Primary.IsLoaded && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(route.Primary.IsLoaded);
        Assert.Empty(host.Server.Registry.Models);
        var unloadedRss = Rss();
        output.WriteLine($"model file {fileBytes >> 20} MiB; RSS loaded {loadedRss >> 20} MiB, after idle unload {unloadedRss >> 20} MiB");
        Assert.True(loadedRss - unloadedRss > fileBytes / 2, $"RSS fell only from {loadedRss >> 20} MiB to {unloadedRss >> 20} MiB");

        using var models = await host.Http.GetAsync("/v1/models");
        Assert.Contains("\"stories\"", await models.Content.ReadAsStringAsync()); // still listed while scaled to zero
        var start = Stopwatch.GetTimestamp();
        using var again = await host.CompleteAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        output.WriteLine($"first request after unload: {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms");
        Assert.True(route.Primary.IsLoaded || route.Primary.Leases == 0);
        var metrics = await host.MetricsAsync();
        Assert.Contains("gantry_model_cold_start_seconds_count{model_name=\"stories\",version=\"v1\"} 1", metrics);
        Assert.Contains("gantry_model_unloads_total{model_name=\"stories\",version=\"v1\",reason=\"idle\"}", metrics);
    }

    [Fact]
    public async Task ConcurrentRequestsAfterUnload_AllWaitForOneLoad()
    {
        await using var host = await LifecycleHost.StartAsync(o => o with { IdleUnloadSeconds = 1 });
        var route = Assert.Single(host.Server.Registry.Routes);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (route.Primary.IsLoaded && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(route.Primary.IsLoaded);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.CompleteAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses) r.Dispose();
        Assert.Contains("gantry_model_cold_start_seconds_count{model_name=\"stories\",version=\"v1\"} 1", await host.MetricsAsync());
    }

    private static long Rss()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RssCollection
{
    public const string Name = "rss";
}
