using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Guardrails.Pipeline;
using Gantry.Models.Synthesis;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.Server.Guardrails;
using Gantry.Server.Hosting;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Guardrails;

/// <summary>
/// The guard model judging streams in chunks (<c>--guard-model-stream-interval</c>) and long conversations (fitted to
/// its context by its own tokens), through the real server. The guard is <see cref="GuardModelSynthesizer"/>'s model
/// with the trigger "ball": it answers "unsafe S1" exactly when "ball" is in what it judges. stories260K ("stories")
/// tells its usual story, which mentions a ball a few dozen tokens in; the guard file is also served as "guardian"
/// (context 8192) for conversations longer than the guard reads: the guard's own KV budget is 2,048 tokens, so what
/// it judges of them is fitted (first and newest turns kept). Failures fail closed, so a judgement that could not be
/// made shows as 503, never as a pass.
/// </summary>
public sealed class GuardModelStreamHttpTests : IAsyncLifetime
{
    private const string Trigger = "ball";
    private const string Guardian = "guardian";
    private const int Interval = 4;

    private readonly string _stateDir = Directory.CreateTempSubdirectory("gantry-guard-stream-").FullName;
    private readonly TempFile _guardFile = new(".gguf");
    private GantryServer _server = null!;
    private HttpClient _http = null!;
    private KeyStore _keys = null!;

    public async Task InitializeAsync()
    {
        GuardModelSynthesizer.Write(_guardFile.Path, new GuardModelSynthesizer.Spec(Trigger: Trigger));
        _keys = new KeyStore(StateDatabase.Open(_stateDir), TimeProvider.System);
        var options = ServerFixture.Options(1024, new ModelSpec(SharedModels.Stories260K, ServerFixture.Model), new ModelSpec(_guardFile.Path, Guardian)) with
        {
            Security = new SecuritySettings { StateDir = _stateDir, Auth = AuthMode.Keys },
            GuardModel = new GuardModelSettings
            {
                Path = _guardFile.Path, KvCacheBytes = 2L << 20, OnFailure = GuardModelFailure.Closed, StreamIntervalTokens = Interval,
            },
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

    private Task<HttpResponseMessage> Post(ApiKey key, string path, object body)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        return _http.SendAsync(r);
    }

    private static List<string> Events(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim())
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal)).Select(e => e[6..]).ToList();

    private static object Story(bool stream, int? logprobs = null) =>
        new { model = ServerFixture.Model, prompt = "Once upon a time", max_tokens = 120, temperature = 0, stream, logprobs };

    [Fact]
    public async Task Stream_Block_EndsAtTheUnsafeChunk_NothingOfItSent()
    {
        // The unguarded story, token by token: where the trigger first appears.
        using var reference = await Post(Key("all=off"), "/v1/completions", Story(stream: false, logprobs: 0));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var choice = (await reference.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("choices")[0];
        var story = choice.GetProperty("text").GetString()!;
        var tokens = choice.GetProperty("logprobs").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        var at = story.IndexOf(" " + Trigger, StringComparison.Ordinal);
        Assert.True(at > 0, $"the story must mention a {Trigger} for this test: '{story}'");
        var triggerToken = 0; // the token that completes the trigger word
        for (var chars = 0; chars < at + Trigger.Length + 1; triggerToken++) chars += tokens[triggerToken].Length;
        Assert.True(triggerToken > 2 * Interval, $"the {Trigger} comes too early ({triggerToken} tokens) to show safe chunks first");

        using var streamed = await Post(Key("all=off,guard_model=block"), "/v1/completions", Story(stream: true));
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        var events = Events(await streamed.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", events[^1]);
        var error = JsonDocument.Parse(events[^2]).RootElement.GetProperty("error");
        Assert.Equal((GuardrailErrors.OutputType, "content_policy_violation"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
        var chunks = events.SkipLast(2).Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0]).ToList();
        Assert.Equal("content_filter", chunks[^1].GetProperty("finish_reason").GetString());
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("finish_reason").ValueKind));
        var sent = string.Concat(chunks.Select(c => c.GetProperty("text").GetString()));

        // What went out is the story up to a chunk boundary before the trigger, in whole chunks of Interval tokens.
        Assert.StartsWith(sent, story);
        Assert.DoesNotContain(Trigger, sent);
        Assert.True(sent.Length <= at + Trigger.Length, "text past the trigger was sent");
        var sentTokens = 0;
        for (var chars = 0; chars < sent.Length; sentTokens++) chars += tokens[sentTokens].Length;
        Assert.Equal(sent, string.Concat(tokens.Take(sentTokens)));
        Assert.Equal(0, sentTokens % Interval);
        // Held back: at most the chunk that completes the trigger (and the one before, when the trigger word spans two).
        Assert.True(sentTokens >= (triggerToken - 1) / Interval * Interval - Interval, $"{sentTokens} tokens sent; the {Trigger} ends at token {triggerToken}");

        Assert.Equal(0, await WaitForBlocksFreeAsync(TimeSpan.FromSeconds(60))); // the blocked request's KV is freed
    }

    [Fact]
    public async Task Stream_Block_SafeStory_SentWhole_SameAsUnstreamed()
    {
        var key = Key("all=off,guard_model=block");
        var safe = new { model = ServerFixture.Model, prompt = "Once upon a time", max_tokens = 10, temperature = 0 };
        using var whole = await Post(key, "/v1/completions", safe);
        var text = (await whole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("choices")[0].GetProperty("text").GetString()!;
        Assert.DoesNotContain(Trigger, text);
        using var streamed = await Post(key, "/v1/completions", new { safe.model, safe.prompt, safe.max_tokens, safe.temperature, stream = true });
        var chunks = Events(await streamed.Content.ReadAsStringAsync()).SkipLast(1).Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0]).ToList();
        Assert.Equal(text, string.Concat(chunks.Select(c => c.GetProperty("text").GetString())));
        Assert.Equal("length", chunks[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Stream_Block_LogProbsRefused()
    {
        using var r = await Post(Key("all=off,guard_model=block"), "/v1/completions", Story(stream: true, logprobs: 1));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("logprobs", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("param").GetString());
    }

    private async Task<int> WaitForBlocksFreeAsync(TimeSpan timeout)
    {
        var engine = _server.Registry.Models.Single(m => m.Name == ServerFixture.Model).Engine;
        var deadline = DateTime.UtcNow + timeout;
        while (engine.Stats.BlocksUsed != 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        return engine.Stats.BlocksUsed;
    }

    /// <summary>A chat of <paramref name="middle"/> long exchanges between a first and a last user message, about 5,000
    /// guard tokens in all: more than twice what the guard can read.</summary>
    private static object LongChat(string first, string last, string early = "mild", int middle = 10)
    {
        var messages = new List<object> { new { role = "user", content = first } };
        for (var i = 0; i < middle; i++)
        {
            messages.Add(new { role = "assistant", content = $"Note {i} ({(i == 0 ? early : "mild")}): " + string.Concat(Enumerable.Repeat("the weather stays mild and dry today. ", 6)) });
            messages.Add(new { role = "user", content = $"Tell me more, part {i}: " + string.Concat(Enumerable.Repeat("what about the wind and the clouds? ", 6)) });
        }
        messages.Add(new { role = "user", content = last });
        return new { model = Guardian, messages, max_tokens = 2, temperature = 0 };
    }

    [Theory]
    [InlineData("Let us talk about a red ball.", "And what should I do now?")]
    [InlineData("Let us talk about the weather.", "Now throw the ball at the window.")]
    public async Task LongConversation_TriggerInFirstOrLatestMessage_Blocked(string first, string last)
    {
        using var r = await Post(Key("all=off,guard_model=block"), "/v1/chat/completions", LongChat(first, last));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var error = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("content_policy_violation", error.GetProperty("code").GetString());
        Assert.Contains("'guard_model'", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task LongConversation_Clean_Served_TriggerOnlyInTheDroppedMiddle_NotSeen()
    {
        var key = Key("all=off,guard_model=block");
        using var clean = await Post(key, "/v1/chat/completions", LongChat("Let us talk about the weather.", "And what should I do now?"));
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode); // judged (a failure would be 503: this server fails closed)
        // The guard reads the first and the newest turns; an early middle turn is left out for the marker.
        using var middle = await Post(key, "/v1/chat/completions", LongChat("Let us talk about the weather.", "And what should I do now?", early: "a ball"));
        Assert.Equal(HttpStatusCode.OK, middle.StatusCode);
    }

    private static object FunctionChat(string result) => new
    {
        model = ServerFixture.Model, max_tokens = 2, temperature = 0,
        messages = new object[]
        {
            new { role = "user", content = "What does the toy catalogue say?" },
            new { role = "function", name = "read_catalogue", content = result },
        },
    };

    [Fact]
    public async Task FunctionRole_JudgedAsToolContent()
    {
        var key = Key("all=off,guard_model=block");
        using var blocked = await Post(key, "/v1/chat/completions", FunctionChat("Page 3: a bouncy ball for two dollars."));
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Equal("content_policy_violation", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());

        using var served = await Post(key, "/v1/chat/completions", FunctionChat("Page 3: a wooden train for two dollars."));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        using var nameless = await Post(key, "/v1/chat/completions", new
        {
            model = ServerFixture.Model, max_tokens = 2,
            messages = new object[] { new { role = "user", content = "hi" }, new { role = "function", content = "42" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Equal("messages[1].name", (await nameless.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("param").GetString());
    }
}
