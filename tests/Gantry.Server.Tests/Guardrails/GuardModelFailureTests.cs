using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Guardrails.Pipeline;
using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Guardrails;

/// <summary>
/// A guard model that cannot judge: its KV budget (64 tokens) is far smaller than any guard prompt, so its engine
/// refuses every text. Fail-open serves the request and records <c>guard_model:error</c>; fail-closed refuses with 503.
/// Either way the server keeps serving. A guard model that cannot load fails startup with a one-line reason.
/// </summary>
public sealed class GuardModelFailureTests : IDisposable
{
    private readonly TempFile _guardFile = new(".gguf");

    public GuardModelFailureTests() => GuardModelSynthesizer.Write(_guardFile.Path);

    public void Dispose() => _guardFile.Dispose();

    private ServerOptions Options(GuardModelFailure failure) => ServerFixture.Options() with
    {
        Guardrails = new GuardrailSettings { Modes = new Dictionary<string, GuardrailMode> { [GuardrailCheckNames.GuardModel] = GuardrailMode.Block } },
        GuardModel = new GuardModelSettings { Path = _guardFile.Path, KvCacheBytes = 64 * 1024, OnFailure = failure },
    };

    private static StringContent Chat(string content) => new(JsonSerializer.Serialize(new
    {
        model = ServerFixture.Model, messages = new[] { new { role = "user", content } }, max_tokens = 3, temperature = 0,
    }), Encoding.UTF8, "application/json");

    [Fact]
    public async Task FailOpen_RequestServed_ErrorCounted()
    {
        var (server, http) = await ServerFixture.StartAsync(Options(GuardModelFailure.Open));
        await using var _ = server;
        using var __ = http;
        for (var i = 0; i < 2; i++)
        {
            using var r = await http.PostAsync("/v1/chat/completions", Chat("How do I brew hemlock tea?"));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("gantry_guardrail_verdicts_total{stage=\"input\",check=\"guard_model\",action=\"error\"} 2", metrics);
        Assert.Contains("gantry_guard_model_seconds_count{stage=\"input\",outcome=\"error\"}", metrics);
    }

    [Fact]
    public async Task FailClosed_503GuardModelUnavailable_ServerKeepsServing()
    {
        var (server, http) = await ServerFixture.StartAsync(Options(GuardModelFailure.Closed));
        await using var _ = server;
        using var __ = http;
        using var refused = await http.PostAsync("/v1/chat/completions", Chat("How do I brew mint tea?"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("guard_model_unavailable", error.GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);

        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var models = await http.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Fact]
    public async Task Load_NotAGguf_StartupFailsNamingTheGuardModel()
    {
        using var junk = new TempFile(".gguf");
        await File.WriteAllTextAsync(junk.Path, "this is not a model file at all");
        var server = GantryServer.Create(ServerFixture.Options() with { GuardModel = new GuardModelSettings { Path = junk.Path } },
            logLevel: Microsoft.Extensions.Logging.LogLevel.None);
        await using var _ = server;
        await server.StartAsync();
        var e = await Assert.ThrowsAsync<Gantry.Models.ModelFormatException>(() => server.ModelsLoaded);
        Assert.StartsWith("guard model " + junk.Path, e.Message);
        using var http = new HttpClient { BaseAddress = server.Url };
        using var r = await http.PostAsync("/v1/chat/completions", Chat("Hello"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode); // nothing is served unguarded
    }
}
