using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gantry.Guardrails.Pipeline;
using Gantry.Security.Audit;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary><c>POST /v1/feedback</c> joined to the serving version, and the feedback and guardrail objectives of a canary.</summary>
public sealed class FeedbackTests(ITestOutputHelper output)
{
    private static string Body(object o) => JsonSerializer.Serialize(o);

    private static string RequestId(HttpResponseMessage r) => r.Headers.GetValues("x-request-id").Single();

    [Fact]
    public async Task Feedback_StoredWithTheServingVersion_ReplacedWhenSentAgain_Counted()
    {
        await using var host = await LifecycleHost.StartAsync();
        using var done = await host.CompleteAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var id = RequestId(done);
        using var first = await host.PostAsync("/v1/feedback", Body(new { request_id = id, score = 0.0, label = "wrong_answer" }));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stories", answer.GetProperty("model").GetString());
        Assert.Equal("v1", answer.GetProperty("model_version").GetString());
        using var again = await host.PostAsync("/v1/feedback", Body(new { request_id = id, score = 1.0 }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var stored = new FeedbackStore(StateDatabase.Open(host.StateDir)).Find(id);
        Assert.NotNull(stored);
        Assert.Equal(("stories", "v1", 1.0, (string?)null), (stored.Model, stored.ModelVersion, stored.Score, stored.Label));
        var audit = await host.Http.GetFromJsonAsync<JsonElement>("/admin/audit");
        Assert.Contains(audit.GetProperty("data").EnumerateArray(), r => r.GetProperty("request_id").GetString() == id && r.GetProperty("model_version").GetString() == "v1");
        Assert.Contains("gantry_model_feedback_score_count{model_name=\"stories\",version=\"v1\"} 2", await host.MetricsAsync());
    }

    [Fact]
    public async Task Feedback_BadInput_ClearErrors()
    {
        await using var host = await LifecycleHost.StartAsync();
        async Task Expect(HttpStatusCode status, string code, string json)
        {
            using var r = await host.PostAsync("/v1/feedback", json);
            Assert.Equal(status, r.StatusCode);
            Assert.Equal(code, await ErrorCodeOrType(r));
        }
        await Expect(HttpStatusCode.NotFound, "request_not_found", Body(new { request_id = "req_never_served", score = 1 }));
        await Expect(HttpStatusCode.BadRequest, "invalid_request_error", Body(new { score = 1 }));
        await Expect(HttpStatusCode.BadRequest, "invalid_request_error", Body(new { request_id = "req_x" }));
        await Expect(HttpStatusCode.BadRequest, "invalid_request_error", Body(new { request_id = "bad id with spaces", score = 1 }));
        await Expect(HttpStatusCode.BadRequest, "invalid_request_error", Body(new { request_id = "req_x", score = 1, label = new string('x', 200) }));
        await Expect(HttpStatusCode.BadRequest, "invalid_request_error", """{"request_id":"req_x","score":"high"}""");
    }

    private static async Task<string?> ErrorCodeOrType(HttpResponseMessage r)
    {
        var error = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        return error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : error.GetProperty("type").GetString();
    }

    [Fact]
    public async Task Canary_LowFeedbackOnCandidate_RolledBackOnFeedbackScore()
    {
        await using var host = await LifecycleHost.StartAsync();
        using var start = await host.PostAsync("/admin/models/stories/canary", Body(new
        {
            path = SharedModels.Stories260K, version = "worse", steps = new[] { 50, 100 },
            objectives = new { min_feedback_score = 0.5, min_feedback = 4, window_seconds = 600 },
        }));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var state = "running";
        var sent = 0;
        while (state == "running" && sent < 200)
        {
            using var r = await host.CompleteAsync();
            sent++;
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            // Users dislike the candidate's answers and like the stable version's.
            var score = LifecycleHost.Version(r) == "worse" ? 0.0 : 1.0;
            using var fb = await host.PostAsync("/v1/feedback", Body(new { request_id = RequestId(r), score }));
            Assert.Equal(HttpStatusCode.OK, fb.StatusCode);
            state = await StateAsync(host);
        }
        output.WriteLine($"rolled back after {sent} rated requests");
        Assert.Equal("rolled_back", state == "running" ? await SettledStateAsync(host) : state);
        var status = await host.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/canary");
        Assert.StartsWith("feedback_score", status.GetProperty("reason").GetString());
        Assert.Contains("gantry_model_rollbacks_total{model_name=\"stories\",version=\"worse\",objective=\"feedback_score\"} 1", await host.MetricsAsync());
    }

    [Fact]
    public async Task Canary_GuardrailBlockingEverything_RolledBackOnBlockRate()
    {
        await using var host = await LifecycleHost.StartAsync(o => o with
        {
            Guardrails = new GuardrailSettings { Modes = new Dictionary<string, GuardrailMode> { [GuardrailCheckNames.Content] = GuardrailMode.Block }, DenyTerms = ["dragon"] },
        });
        using var start = await host.PostAsync("/admin/models/stories/canary", Body(new
        {
            path = SharedModels.Stories260K, version = "blocked", steps = new[] { 50, 100 },
            objectives = new { max_guardrail_block_rate = 0.5, min_requests = 4, window_seconds = 600 },
        }));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var state = "running";
        var sent = 0;
        while (state == "running" && sent < 200)
        {
            using var r = await host.PostAsync("/v1/completions", Body(new { model = "stories", prompt = "A dragon came", max_tokens = 1 }));
            sent++;
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            state = await StateAsync(host);
        }
        output.WriteLine($"rolled back after {sent} blocked requests");
        Assert.Equal("rolled_back", state == "running" ? await SettledStateAsync(host) : state);
        var status = await host.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/canary");
        Assert.StartsWith("guardrail_block_rate", status.GetProperty("reason").GetString());
        Assert.Contains("gantry_model_version_guardrail_blocks_total{model_name=\"stories\",version=\"blocked\"}", await host.MetricsAsync());
    }

    private static async Task<string> StateAsync(LifecycleHost host) =>
        (await host.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/canary")).GetProperty("state").GetString()!;

    /// <summary>The rollback runs on its own task once the breach is seen: waits a while for it after the last request.</summary>
    private static async Task<string> SettledStateAsync(LifecycleHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string state;
        while ((state = await StateAsync(host)) == "running" && DateTime.UtcNow < deadline) await Task.Delay(50);
        return state;
    }
}
