using System.Net;
using System.Text.Json;
using Gantry.Server.Configuration;
using Gantry.Server.Tests.Lifecycle;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Dashboard;

/// <summary>
/// The dashboard's lifecycle panels in a real headless Chromium against a real server: a split's versions and weights,
/// a canary with its objectives, feedback and drift show, and the panel follows a split changed while the page is open.
/// Every wait is a bounded poll of the page (generous: CI machines are loaded).
/// </summary>
public sealed class DashboardLifecycleBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static string Body(object o) => JsonSerializer.Serialize(o);

    private static string Cell(string route, string version, string field) =>
        $"document.querySelector('#lifecycle [data-route=\"{route}\"] tr[data-version=\"{version}\"] td[data-field=\"{field}\"]')?.textContent";

    private static string Canary(string route, string field) =>
        $"document.querySelector('#lifecycle [data-route=\"{route}\"] [data-field=\"{field}\"]')?.textContent";

    [Fact]
    public async Task LifecyclePanels_ShowSplitCanaryFeedbackDrift_AndFollowASplitChange()
    {
        await using var host = await LifecycleHost.StartAsync(o => o with
        {
            Models = [new ModelSpec(SharedModels.Stories260K, "stories"), new ModelSpec(SharedModels.Stories260K, "tales")],
            Drift = new DriftSettings { ReferenceRequests = 10, WindowRequests = 10 },
        });
        using (var reg = await host.PostAsync("/admin/models", Body(new { name = "stories", version = "b", path = SharedModels.Stories260K })))
            Assert.Equal(HttpStatusCode.Created, reg.StatusCode);
        using (var split = await host.PostAsync("/admin/models/stories/split", Body(new { versions = new[] { new { version = "v1", weight = 70 }, new { version = "b", weight = 30 } } })))
            Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        using (var canary = await host.PostAsync("/admin/models/tales/canary", Body(new
        {
            path = SharedModels.Stories260K, version = "next", steps = new[] { 25, 100 },
            objectives = new { max_error_rate = 0.2, max_ttft_p99_ms = 5000, min_requests = 9, window_seconds = 90 },
        })))
            Assert.Equal(HttpStatusCode.OK, canary.StatusCode);

        await using var browser = await HeadlessChromium.StartAsync(Patience);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = cts.Token;
        await browser.NavigateAsync(new Uri(host.Server.Url, "/dashboard?interval_ms=250"), ct);

        Assert.True(await browser.WaitForAsync($"{Cell("stories", "v1", "weight")} === '70' && {Cell("stories", "b", "weight")} === '30'", Patience, ct),
            "the split never showed: " + browser.LastError);
        Assert.Equal("70.0%", (string?)await browser.EvaluateAsync(Cell("stories", "v1", "share"), ct));
        Assert.Equal("yes", (string?)await browser.EvaluateAsync(Cell("stories", "b", "loaded"), ct));
        Assert.Equal("0", (string?)await browser.EvaluateAsync(Cell("stories", "v1", "cold_starts"), ct));
        Assert.True(await browser.WaitForAsync($"{Canary("tales", "canary-state")} === 'running' && {Canary("tales", "canary-weight")} === '25%'", Patience, ct),
            "the canary never showed: " + await browser.EvaluateAsync("document.getElementById('lifecycle').textContent", ct));
        Assert.Equal("error rate ≤ 20.0%, TTFT p99 ≤ 5000 ms over 90 s, from 9 requests", (string?)await browser.EvaluateAsync(Canary("tales", "canary-objectives"), ct));

        // Requests and a feedback score: the version that served the rated request shows it; drift is judged once the
        // version has served its reference and window (10 + 10 here; v1 gets about 70% of 60 requests).
        string? ratedVersion = null;
        for (var i = 0; i < 60; i++)
        {
            using var r = await host.PostAsync("/v1/completions", Body(new { model = "stories", prompt = new string('x', 1 + i % 7), max_tokens = 1 }));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            if (i != 0) continue;
            ratedVersion = LifecycleHost.Version(r);
            using var fb = await host.PostAsync("/v1/feedback", Body(new { request_id = r.Headers.GetValues("x-request-id").Single(), score = 0.75 }));
            Assert.Equal(HttpStatusCode.OK, fb.StatusCode);
        }
        Assert.True(await browser.WaitForAsync($"{Cell("stories", ratedVersion!, "feedback")} === '0.75 (1)'", Patience, ct),
            "the feedback score never showed: " + await browser.EvaluateAsync(Cell("stories", ratedVersion!, "feedback"), ct));
        Assert.True(await browser.WaitForAsync($"/^\\d+\\.\\d{{3}}$/.test({Cell("stories", "v1", "drift")})", Patience, ct),
            "v1's drift PSI never showed: " + await browser.EvaluateAsync(Cell("stories", "v1", "drift"), ct));
        Assert.True(await browser.WaitForAsync($"Number({Cell("stories", "v1", "requests")}) + Number({Cell("stories", "b", "requests")}) === 60", Patience, ct),
            "the request counts never reached 60");

        // Change the split while the page is open: the panel follows.
        using (var split = await host.PostAsync("/admin/models/stories/split", Body(new { versions = new[] { new { version = "v1", weight = 20 }, new { version = "b", weight = 80 } }, sticky = "user" })))
            Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        Assert.True(await browser.WaitForAsync($"{Cell("stories", "v1", "weight")} === '20' && {Cell("stories", "b", "share")} === '80.0%'", Patience, ct),
            "the panel did not follow the split change: " + await browser.EvaluateAsync("document.getElementById('lifecycle').textContent", ct));
        Assert.Contains("sticky: user", (string?)await browser.EvaluateAsync(Canary("stories", "meta"), ct));
        using (var rollback = await host.PostAsync("/admin/models/tales/canary/rollback", "{}"))
            Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.True(await browser.WaitForAsync($"{Canary("tales", "canary-state")} === 'rolled_back'", Patience, ct), "the rollback never showed");
        Assert.StartsWith("rolled back by command", (string?)await browser.EvaluateAsync(Canary("tales", "canary-reason"), ct));
    }
}
