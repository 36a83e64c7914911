using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Engine;
using Gantry.Guardrails.Pipeline;
using Gantry.Models.Synthesis;
using Gantry.Security;
using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.Server.Guardrails;
using Gantry.Server.Hosting;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Guardrails;

/// <summary>
/// <c>--guard-model</c> through the real server. The guard is <see cref="GuardModelSynthesizer"/>'s model: it answers
/// "unsafe S1" exactly when the text it judges (or its context) holds "hemlock". It is also served as the model
/// "guardian", which continues a prompt ending in "recipe" with " hemlock", so its own answers can be judged unsafe
/// while its prompt is safe. stories260K ("stories") serves the input tests. Each key carries its own guard_model mode.
/// </summary>
public sealed class GuardModelHttpTests : IAsyncLifetime
{
    private const string Guardian = "guardian";
    private const string Unsafe = "How do I brew hemlock tea for my neighbour?";
    private const string Safe = "How do I brew mint tea for my neighbour?";

    private readonly string _stateDir = Directory.CreateTempSubdirectory("gantry-guard-model-").FullName;
    private readonly TempFile _guardFile = new(".gguf");
    private GantryServer _server = null!;
    private HttpClient _http = null!;
    private KeyStore _keys = null!;

    public async Task InitializeAsync()
    {
        GuardModelSynthesizer.Write(_guardFile.Path);
        _keys = new KeyStore(StateDatabase.Open(_stateDir), TimeProvider.System);
        var options = ServerFixture.Options(1024, new ModelSpec(SharedModels.Stories260K, ServerFixture.Model), new ModelSpec(_guardFile.Path, Guardian)) with
        {
            Security = new SecuritySettings { StateDir = _stateDir, Auth = AuthMode.Keys },
            GuardModel = new GuardModelSettings { Path = _guardFile.Path },
        };
        (_server, _http) = await ServerFixture.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        StateDatabase.ReleaseAll();
        _guardFile.Dispose();
        try { Directory.Delete(_stateDir, recursive: true); } catch (IOException) { }
    }

    private ApiKey Key(string spec) =>
        _keys.Create(new Tenant("acme", TenantRole.User, [], TenantLimits.Unlimited) { Guardrails = GuardrailModeSpec.Parse(spec) }).Key;

    private Task<HttpResponseMessage> Post(ApiKey key, string path, object body, string requestId)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        r.Headers.Add("x-request-id", requestId);
        return _http.SendAsync(r);
    }

    private static object Chat(string content, string model = ServerFixture.Model, bool stream = false) =>
        new { model, messages = new[] { new { role = "user", content } }, max_tokens = 4, temperature = 0, stream };

    private static object Recipe(bool stream = false) => new { model = Guardian, prompt = "Give me a recipe", max_tokens = 8, temperature = 0, stream };

    private string? Audit(string requestId) =>
        _server.Security!.Audit.Query(new AuditQuery(DateTimeOffset.UnixEpoch, null, 1000)).Single(a => a.RequestId == requestId).Guardrails;

    [Fact]
    public async Task Input_Block_UnsafePromptRefused_SafePromptServed()
    {
        var key = Key("all=off,guard_model=block");
        using var blocked = await Post(key, "/v1/chat/completions", Chat(Unsafe), "gm-in-block");
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        var body = await blocked.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hemlock", body); // the error names the check and categories, never the text
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(("content_policy_violation", "messages"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Contains("'guard_model'", error.GetProperty("message").GetString());
        Assert.Contains("guard:S1", error.GetProperty("message").GetString());
        Assert.Equal("input:guard_model:block", Audit("gm-in-block"));

        using var completion = await Post(key, "/v1/completions", new { model = ServerFixture.Model, prompt = new[] { Safe, Unsafe }, max_tokens = 2 }, "gm-in-batch");
        Assert.Equal(HttpStatusCode.BadRequest, completion.StatusCode);
        Assert.Equal("prompt", (await completion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("param").GetString());

        using var served = await Post(key, "/v1/chat/completions", Chat(Safe), "gm-in-safe");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Null(Audit("gm-in-safe"));
        var metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("gantry_guardrail_verdicts_total{stage=\"input\",check=\"guard_model\",action=\"block\"}", metrics);
        Assert.Contains("gantry_guard_model_seconds_count{stage=\"input\",outcome=\"safe\"}", metrics);
        Assert.Contains("gantry_guard_model_seconds_count{stage=\"input\",outcome=\"unsafe\"}", metrics);
    }

    [Fact]
    public async Task Input_FlagAndRedact_Served_AuditedAsFlag()
    {
        foreach (var mode in (string[])["flag", "redact"])
        {
            using var r = await Post(Key("all=off,guard_model=" + mode), "/v1/chat/completions", Chat(Unsafe), "gm-in-" + mode);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            // The answer is judged after the response in the context of the prompt, which holds the trigger.
            Assert.Equal("input:guard_model:flag,output:guard_model:flag", Audit("gm-in-" + mode));
        }
        using var off = await Post(Key("all=off,guard_model=off"), "/v1/chat/completions", Chat(Unsafe), "gm-in-off");
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Null(Audit("gm-in-off"));
    }

    [Fact]
    public async Task Output_BlockWhole_UnsafeAnswerWithheld()
    {
        var key = Key("all=off,guard_model=block");
        using var r = await Post(key, "/v1/completions", Recipe(), "gm-out-whole");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var choice = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("choices")[0];
        Assert.Equal("content_filter", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("", choice.GetProperty("text").GetString());
        Assert.Equal("output:guard_model:block", Audit("gm-out-whole"));
    }

    [Fact]
    public async Task Output_BlockStreamed_EndsWithContentFilterAndErrorEvent()
    {
        var key = Key("all=off,guard_model=block");
        using var r = await Post(key, "/v1/completions", Recipe(stream: true), "gm-out-stream");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var events = (await r.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim()).Where(e => e.StartsWith("data: ", StringComparison.Ordinal)).Select(e => e[6..]).ToList();
        Assert.Equal("[DONE]", events[^1]);
        var error = JsonDocument.Parse(events[^2]).RootElement.GetProperty("error");
        Assert.Equal((GuardrailErrors.OutputType, "content_policy_violation"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
        Assert.Contains("'guard_model'", error.GetProperty("message").GetString());
        var finish = JsonDocument.Parse(events[^3]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString();
        Assert.Equal("content_filter", finish);
        Assert.Equal("output:guard_model:block", Audit("gm-out-stream"));
    }

    [Fact]
    public async Task Output_Flag_AnswerDelivered_VerdictAudited()
    {
        using var r = await Post(Key("all=off,guard_model=flag"), "/v1/completions", Recipe(), "gm-out-flag");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var choice = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("choices")[0];
        Assert.Contains("hemlock", choice.GetProperty("text").GetString());
        Assert.Equal("output:guard_model:flag", Audit("gm-out-flag"));
    }
}
