using System.Diagnostics;
using System.Net;
using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary>Scale to zero: an idle model is freed (the memory resident for its file drops to nothing) and the next request
/// loads it again and is served. Runs alone (no other test class in parallel), since it also reports the whole process's
/// resident memory.</summary>
[Collection(RssCollection.Name)]
public sealed class IdleUnloadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IdleModel_IsUnloaded_RssDrops_NextRequestIsServed()
    {
        // A small synthetic F32 model (about 20 MiB, mapped): a request reads every weight, so all of it is resident.
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Small, "f32", seed: 7, file.Path);
        var fileBytes = new FileInfo(file.Path).Length;
        await using var host = await LifecycleHost.StartAsync(o => o with { IdleUnloadSeconds = 1, Models = [new ModelSpec(file.Path, "stories")] });
        var route = Assert.Single(host.Server.Registry.Routes);
        // The model's own resident bytes: the pages of its file mapped into this process (/proc/self/smaps), which no other
        // test's or thread's allocations can move, unlike the process's RSS (only reported). Measured right after a
        // request, and again after another if a slow machine let the idle unloader free the model before the reading
        // ended (still loaded after the reading: it was loaded during it, since only a request loads it again).
        long loadedMapped = 0, loadedRss = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using (var r = await host.CompleteAsync(maxTokens: 8)) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            loadedMapped = MappedResidentBytes(file.Path);
            loadedRss = Rss();
            if (route.Primary.IsLoaded) break;
        }
        var coldStartsBefore = ColdStarts(await host.MetricsAsync()); // 0, or more where the loaded machine was slower than 1 s
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (route.Primary.IsLoaded && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(route.Primary.IsLoaded);
        Assert.Empty(host.Server.Registry.Models);
        var unloadedMapped = MappedResidentBytes(file.Path);
        while (unloadedMapped > 0 && DateTime.UtcNow < deadline) // the file is unmapped when the engine is disposed, just after
        {
            await Task.Delay(50);
            unloadedMapped = MappedResidentBytes(file.Path);
        }
        var unloadedRss = Rss();
        output.WriteLine($"model file {fileBytes >> 20} MiB; resident from it loaded {loadedMapped >> 20} MiB, after idle unload {unloadedMapped >> 20} MiB; " +
            $"process RSS loaded {loadedRss >> 20} MiB, after idle unload {unloadedRss >> 20} MiB");
        Assert.True(loadedMapped > fileBytes / 2, $"only {loadedMapped >> 20} MiB of the {fileBytes >> 20} MiB model was resident while loaded");
        Assert.Equal(0, unloadedMapped);

        using var models = await host.Http.GetAsync("/v1/models");
        Assert.Contains("\"stories\"", await models.Content.ReadAsStringAsync()); // still listed while scaled to zero
        var start = Stopwatch.GetTimestamp();
        using var again = await host.CompleteAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        output.WriteLine($"first request after unload: {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms");
        Assert.True(route.Primary.IsLoaded || route.Primary.Leases == 0);
        var metrics = await host.MetricsAsync();
        Assert.Equal(coldStartsBefore + 1, ColdStarts(metrics)); // the request after the unload loaded it once
        Assert.Contains("gantry_model_unloads_total{model_name=\"stories\",version=\"v1\",reason=\"idle\"}", metrics);
    }

    /// <summary>The cold-start histogram's count for stories v1 (0 before the first).</summary>
    private static int ColdStarts(string metrics)
    {
        const string Series = "gantry_model_cold_start_seconds_count{model_name=\"stories\",version=\"v1\"} ";
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(Series, StringComparison.Ordinal));
        return line is null ? 0 : (int)double.Parse(line[Series.Length..], System.Globalization.CultureInfo.InvariantCulture);
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
        // The dashboard's lifecycle data counts the one cold start and its time.
        using var data = System.Text.Json.JsonDocument.Parse(await host.Http.GetStringAsync("/dashboard/data"));
        var version = data.RootElement.GetProperty("routes")[0].GetProperty("versions")[0];
        Assert.Equal(1, version.GetProperty("cold_starts").GetInt32());
        Assert.True(version.GetProperty("cold_start_mean_seconds").GetDouble() > 0);
    }

    /// <summary>Resident bytes of every mapping of <paramref name="path"/> in this process (the <c>Rss</c> lines of /proc/self/smaps).</summary>
    private static long MappedResidentBytes(string path)
    {
        var full = Path.GetFullPath(path);
        long total = 0;
        var inFile = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsMappingHeader(line))
                inFile = line.EndsWith(" " + full, StringComparison.Ordinal);
            else if (inFile && line.StartsWith("Rss:", StringComparison.Ordinal))
                total += long.Parse(line[4..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return total;
    }

    /// <summary>"start-end perms offset dev inode [path]": the first line of each mapping (dev holds a ':', so look at the range).</summary>
    private static bool IsMappingHeader(string line)
    {
        var space = line.IndexOf(' ');
        if (space <= 0) return false;
        var range = line.AsSpan(0, space);
        var dash = range.IndexOf('-');
        return dash > 0 && IsHex(range[..dash]) && IsHex(range[(dash + 1)..]);

        static bool IsHex(ReadOnlySpan<char> s)
        {
            foreach (var c in s) if (!char.IsAsciiHexDigit(c)) return false;
            return s.Length > 0;
        }
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
