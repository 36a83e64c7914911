using System.Text.Json;

namespace Gantry.Server.Tests.Dashboard;

/// <summary>The dashboard's files and data over HTTP: embedded assets with no outside URL, the JSON snapshot, 404s.</summary>
[Collection(ServerCollection.Name)]
public sealed class DashboardHttpTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("/dashboard", "text/html")]
    [InlineData("/dashboard/dashboard.js", "text/javascript")]
    [InlineData("/dashboard/dashboard.css", "text/css")]
    [InlineData("/dashboard/lifecycle.js", "text/javascript")]
    public async Task Get_Asset_ServedFromTheBuildWithoutOutsideUrls(string path, string contentType)
    {
        using var r = await fixture.Http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(contentType, r.Content.Headers.ContentType!.MediaType);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(body.Length > 200, body);
        Assert.DoesNotContain("http://", body, StringComparison.OrdinalIgnoreCase); // no CDN: works with no internet
        Assert.DoesNotContain("https://", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_Page_ReferencesItsAssetsAndDataSources()
    {
        var html = await fixture.Http.GetStringAsync("/dashboard");
        Assert.Contains("/dashboard/dashboard.js", html);
        Assert.Contains("/dashboard/dashboard.css", html);
        var js = await fixture.Http.GetStringAsync("/dashboard/dashboard.js");
        Assert.Contains("'/dashboard/data'", js);
        Assert.Contains("'/metrics'", js);
    }

    [Fact]
    public async Task Get_Data_SnapshotOfEveryServedModel()
    {
        using var doc = JsonDocument.Parse(await fixture.Http.GetStringAsync("/dashboard/data"));
        var root = doc.RootElement;
        Assert.Equal("ready", root.GetProperty("state").GetString());
        Assert.True(root.GetProperty("uptime_seconds").GetDouble() >= 0);
        var model = Assert.Single(root.GetProperty("models").EnumerateArray());
        Assert.Equal(ServerFixture.Model, model.GetProperty("name").GetString());
        Assert.True(model.GetProperty("kv_blocks_total").GetInt32() > 0);
        foreach (var field in new[] { "running", "waiting", "kv_cache_usage", "kv_blocks_used", "prefix_cache_hit_rate",
                     "generation_tokens_per_second", "generated_tokens", "prompt_tokens_computed", "requests_finished", "preemptions", "steps" })
            Assert.True(model.GetProperty(field).GetDouble() >= 0, field);
        var route = Assert.Single(root.GetProperty("routes").EnumerateArray());
        Assert.Equal(ServerFixture.Model, route.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, route.GetProperty("canary").ValueKind);
        var version = Assert.Single(route.GetProperty("versions").EnumerateArray());
        Assert.Equal((1, 1.0, true, false), (version.GetProperty("weight").GetInt32(), version.GetProperty("share").GetDouble(),
            version.GetProperty("loaded").GetBoolean(), version.GetProperty("shadow").GetBoolean()));
        foreach (var field in new[] { "requests", "errors", "feedback_count", "cold_starts" })
            Assert.True(version.GetProperty(field).GetDouble() >= 0, field);
    }

    [Fact]
    public async Task Get_Data_CountersGrowWithRequests()
    {
        long Generated(JsonDocument d) => d.RootElement.GetProperty("models")[0].GetProperty("generated_tokens").GetInt64();
        using var before = JsonDocument.Parse(await fixture.Http.GetStringAsync("/dashboard/data"));
        using var r = await fixture.PostAsync("/v1/completions", """{"model":"stories","prompt":"Once","max_tokens":5,"ignore_eos":true}""");
        Assert.True(r.IsSuccessStatusCode);
        // the engine publishes its stats after each step, so the last step's count may land just after the response
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long now;
        do
        {
            using var after = JsonDocument.Parse(await fixture.Http.GetStringAsync("/dashboard/data"));
            now = Generated(after);
            if (now >= Generated(before) + 5) break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.True(now >= Generated(before) + 5, $"{Generated(before)} -> {now}");
    }

    [Fact]
    public async Task Get_UnknownAsset_404WithOpenAiError()
    {
        using var r = await fixture.Http.GetAsync("/dashboard/nope.js");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }
}
