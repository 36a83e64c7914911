using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gantry.Server.Lifecycle;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary>Traffic splitting over HTTP: weighted and sticky splits, shadow copies, canary steps and automatic rollback.</summary>
public sealed class TrafficTests(ITestOutputHelper output)
{
    private static string Body(object o) => JsonSerializer.Serialize(o);

    private static Task<HttpResponseMessage> Complete(LifecycleHost host, string? user = null) =>
        host.PostAsync("/v1/completions", Body(new { model = "stories", prompt = "Once", max_tokens = 1, user }));

    [Fact]
    public async Task Split_Weighted_MatchesWithinBinomialBound_StickyByUserIsStableAcrossRestarts()
    {
        var dir = Directory.CreateTempSubdirectory("gantry-split-").FullName;
        Dictionary<string, string> assignment;
        await using (var host = await LifecycleHost.StartAsync(o => o with { Security = o.Security! with { StateDir = dir } }))
        {
            using var reg = await host.PostAsync("/admin/models", Body(new { name = "stories", version = "b", path = SharedModels.Stories260K }));
            Assert.Equal(HttpStatusCode.Created, reg.StatusCode);
            using var split = await host.PostAsync("/admin/models/stories/split", Body(new { versions = new[] { new { version = "v1", weight = 70 }, new { version = "b", weight = 30 } } }));
            Assert.Equal(HttpStatusCode.OK, split.StatusCode);
            const int n = 300;
            var onB = 0;
            for (var i = 0; i < n; i++)
            {
                using var r = await Complete(host);
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                if (LifecycleHost.Version(r) == "b") onB++;
            }
            var sd = Math.Sqrt(n * 0.3 * 0.7);
            output.WriteLine($"split 70/30: {onB} of {n} on b (expected {n * 0.3}, sd {sd:F1})");
            Assert.InRange(onB, n * 0.3 - 4.5 * sd, n * 0.3 + 4.5 * sd);

            using var sticky = await host.PostAsync("/admin/models/stories/split", Body(new { versions = new[] { new { version = "v1", weight = 50 }, new { version = "b", weight = 50 } }, sticky = "user" }));
            Assert.Equal(HttpStatusCode.OK, sticky.StatusCode);
            assignment = await AssignAsync(host);
            Assert.Contains("v1", assignment.Values);
            Assert.Contains("b", assignment.Values);
        }
        await using (var host = await LifecycleHost.StartAsync(o => o with { Security = o.Security! with { StateDir = dir } }))
        {
            using var sticky = await host.PostAsync("/admin/models/stories/split", Body(new { versions = new[] { new { version = "v1", weight = 50 }, new { version = "b", weight = 50 } }, sticky = "user" }));
            Assert.Equal(assignment, await AssignAsync(host));
        }
        Gantry.Security.Storage.StateDatabase.ReleaseAll();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private static async Task<Dictionary<string, string>> AssignAsync(LifecycleHost host)
    {
        var result = new Dictionary<string, string>();
        for (var u = 0; u < 30; u++)
        {
            var seen = new HashSet<string>();
            for (var k = 0; k < 3; k++)
            {
                using var r = await Complete(host, $"user-{u}");
                seen.Add(LifecycleHost.Version(r));
            }
            result[$"user-{u}"] = Assert.Single(seen);
        }
        return result;
    }

    [Fact]
    public async Task Split_Shadow_GetsCopies_ResponsesComeFromThePrimary()
    {
        await using var host = await LifecycleHost.StartAsync();
        using var reg = await host.PostAsync("/admin/models", Body(new { name = "stories", version = "shadow", path = SharedModels.Stories260K }));
        using var split = await host.PostAsync("/admin/models/stories/split", Body(new { versions = new[] { new { version = "v1", weight = 1 } }, shadow = "shadow" }));
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        for (var i = 0; i < 5; i++)
        {
            using var r = await Complete(host);
            Assert.Equal("v1", LifecycleHost.Version(r));
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var metrics = "";
        while (DateTime.UtcNow < deadline && !(metrics = await host.MetricsAsync()).Contains("gantry_model_shadow_requests_total{model_name=\"stories\",version=\"shadow\",outcome=\"ok\"} 5"))
            await Task.Delay(50);
        Assert.Contains("gantry_model_shadow_requests_total{model_name=\"stories\",version=\"shadow\",outcome=\"ok\"} 5", metrics);
    }

    [Fact]
    public async Task Canary_FailingCandidate_RolledBackAutomatically_RecordedInAuditMetricAndStatus()
    {
        await using var host = await LifecycleHost.StartAsync();
        using var pool = new WorkerPool(1);
        using var broken = new TempFile();
        File.Copy(SharedModels.Stories260K, broken.Path, overwrite: true);
        host.Server.Lifecycle.LoadOverride = spec => spec.Path == Path.GetFullPath(broken.Path)
            ? FailingModel.Serve(spec.Path, spec.Name, ServerFixture.Options().Engine, pool)
            : null;
        using var start = await host.PostAsync("/admin/models/stories/canary", Body(new
        {
            path = broken.Path, version = "bad", steps = new[] { 50, 100 },
            objectives = new { max_error_rate = 0.2, min_requests = 5, window_seconds = 60 },
        }));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        int sent = 0, failedOnBad = 0;
        string state = "running";
        while (state == "running" && sent < 200)
        {
            using var r = await Complete(host);
            sent++;
            if (LifecycleHost.Version(r) == "bad" && r.StatusCode != HttpStatusCode.OK) failedOnBad++;
            state = (await host.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/canary")).GetProperty("state").GetString()!;
        }
        output.WriteLine($"rolled back after {sent} requests, {failedOnBad} failed on the candidate");
        Assert.Equal("rolled_back", state);
        var status = await host.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/canary");
        Assert.StartsWith("error_rate", status.GetProperty("reason").GetString());
        for (var i = 0; i < 10; i++)
        {
            using var r = await Complete(host);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("v1", LifecycleHost.Version(r));
        }
        Assert.Contains("gantry_model_rollbacks_total{model_name=\"stories\",version=\"bad\",objective=\"error_rate\"} 1", await host.MetricsAsync());
        var audit = await host.Http.GetStringAsync("/admin/audit");
        Assert.Contains("lifecycle/rollback", audit);
    }

    [Fact]
    public async Task Canary_AdvanceByCommandAndSchedule_PromotesCandidate()
    {
        await using var host = await LifecycleHost.StartAsync();
        using var start = await host.PostAsync("/admin/models/stories/canary", Body(new { path = SharedModels.Stories260K, version = "next", steps = new[] { 10, 50, 100 }, step_seconds = 1 }));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal(10, (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("weight").GetInt32());
        using var advanced = await host.PostAsync("/admin/models/stories/canary/advance", "{}");
        Assert.Equal(50, (await advanced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("weight").GetInt32());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var state = "";
        while (DateTime.UtcNow < deadline && (state = (await host.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/canary")).GetProperty("state").GetString()!) == "running")
            await Task.Delay(100);
        Assert.Equal("promoted", state);
        using var r = await Complete(host);
        Assert.Equal("next", LifecycleHost.Version(r));
        using var again = await host.PostAsync("/admin/models/stories/canary/advance", "{}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task CanaryAndSplit_BadInput_ClearErrors()
    {
        await using var host = await LifecycleHost.StartAsync();
        async Task Expect(HttpStatusCode code, string path, object body)
        {
            using var r = await host.PostAsync(path, Body(body));
            Assert.Equal(code, r.StatusCode);
            Assert.NotNull(await LifecycleHost.ErrorCode(r));
        }
        await Expect(HttpStatusCode.BadRequest, "/admin/models/stories/canary", new { version = "x", steps = new[] { 50, 20 } });
        await Expect(HttpStatusCode.BadRequest, "/admin/models/stories/canary", new { version = "x", steps = new[] { 5, 50 } });
        await Expect(HttpStatusCode.BadRequest, "/admin/models/stories/canary", new { version = "x", objectives = new { max_error_rate = 2.0 } });
        await Expect(HttpStatusCode.BadRequest, "/admin/models/stories/canary", new { version = "x", sticky = "cookie" });
        await Expect(HttpStatusCode.NotFound, "/admin/models/stories/canary", new { version = "never-registered" });
        await Expect(HttpStatusCode.NotFound, "/admin/models/nope/canary", new { path = SharedModels.Stories260K, version = "x" });
        await Expect(HttpStatusCode.NotFound, "/admin/models/stories/canary/rollback", new { });
        await Expect(HttpStatusCode.BadRequest, "/admin/models/stories/split", new { });
        await Expect(HttpStatusCode.BadRequest, "/admin/models/stories/split", new { versions = new[] { new { version = "v1", weight = -1 } } });
        await Expect(HttpStatusCode.NotFound, "/admin/models/stories/split", new { versions = new[] { new { version = "ghost", weight = 1 } } });
        using var ok = await Complete(host);
        Assert.Equal("v1", LifecycleHost.Version(ok));
    }
}
