using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gantry.Server.Tests.Endpoints;

/// <summary>
/// Malformed and hostile requests: each gets the expected 4xx status with OpenAI's error JSON (never a 500), and the
/// server answers a normal request right after.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class HostileRequestTests(ServerFixture fx)
{
    private const string C = "/v1/completions";
    private const string Chat = "/v1/chat/completions";
    private const string Invalid = "invalid_request_error";

    public static TheoryData<string, string, string, int, string?> Cases() => new()
    {
        // name, path, body, status, param
        { "unterminated object", C, "{", 400, null },
        { "empty body", C, "", 400, null },
        { "null body", C, "null", 400, null },
        { "array body", C, "[]", 400, null },
        { "number body", C, "42", 400, null },
        { "trailing garbage", C, """{"model":"stories","prompt":"x"} xyz""", 400, null },
        { "missing prompt", C, """{"model":"stories"}""", 400, "prompt" },
        { "missing model", C, """{"prompt":"x"}""", 400, "model" },
        { "unknown model", C, """{"model":"gpt-9","prompt":"x"}""", 404, "model" },
        { "model is a number", C, """{"model":5,"prompt":"x"}""", 400, "model" },
        { "temperature is a string", C, """{"model":"stories","prompt":"x","temperature":"hot"}""", 400, "temperature" },
        { "temperature too high", C, """{"model":"stories","prompt":"x","temperature":3}""", 400, "temperature" },
        { "temperature negative", C, """{"model":"stories","prompt":"x","temperature":-1}""", 400, "temperature" },
        { "temperature overflows", C, """{"model":"stories","prompt":"x","temperature":1e999}""", 400, "temperature" },
        { "top_p zero", C, """{"model":"stories","prompt":"x","top_p":0}""", 400, "top_p" },
        { "top_p above one", C, """{"model":"stories","prompt":"x","top_p":1.5}""", 400, "top_p" },
        { "n zero", C, """{"model":"stories","prompt":"x","n":0}""", 400, "n" },
        { "n huge", C, """{"model":"stories","prompt":"x","n":1000000}""", 400, "n" },
        { "n overflows int", C, """{"model":"stories","prompt":"x","n":1e20}""", 400, "n" },
        { "max_tokens zero", C, """{"model":"stories","prompt":"x","max_tokens":0}""", 400, "max_tokens" },
        { "max_tokens negative", C, """{"model":"stories","prompt":"x","max_tokens":-5}""", 400, "max_tokens" },
        { "max_tokens int max", C, """{"model":"stories","prompt":"x","max_tokens":2147483647}""", 400, "max_tokens" },
        { "max_tokens beyond context", C, """{"model":"stories","prompt":"x","max_tokens":600}""", 400, "max_tokens" },
        { "max_tokens fractional", C, """{"model":"stories","prompt":"x","max_tokens":1.5}""", 400, "max_tokens" },
        { "max_tokens a string", C, """{"model":"stories","prompt":"x","max_tokens":"ten"}""", 400, "max_tokens" },
        { "prompt beyond context", C, "{\"model\":\"stories\",\"prompt\":\"" + string.Concat(Enumerable.Repeat("hello world ", 600)) + "\"}", 400, "prompt" },
        { "prompt an object", C, """{"model":"stories","prompt":{}}""", 400, "prompt" },
        { "prompt an empty array", C, """{"model":"stories","prompt":[]}""", 400, "prompt" },
        { "prompt mixed array", C, """{"model":"stories","prompt":[1,"a"]}""", 400, "prompt" },
        { "prompt token outside vocab", C, """{"model":"stories","prompt":[99999]}""", 400, "prompt" },
        { "prompt negative token", C, """{"model":"stories","prompt":[-1]}""", 400, "prompt" },
        { "stop a number", C, """{"model":"stories","prompt":"x","stop":5}""", 400, "stop" },
        { "stop too many", C, """{"model":"stories","prompt":"x","stop":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]}""", 400, "stop" },
        { "stop empty string", C, """{"model":"stories","prompt":"x","stop":[""]}""", 400, "stop" },
        { "presence_penalty too high", C, """{"model":"stories","prompt":"x","presence_penalty":3}""", 400, "presence_penalty" },
        { "frequency_penalty too low", C, """{"model":"stories","prompt":"x","frequency_penalty":-3}""", 400, "frequency_penalty" },
        { "logprobs too many", C, """{"model":"stories","prompt":"x","logprobs":21}""", 400, "logprobs" },
        { "seed a string", C, """{"model":"stories","prompt":"x","seed":"abc"}""", 400, "seed" },
        { "stream a string", C, """{"model":"stories","prompt":"x","stream":"yes"}""", 400, "stream" },
        { "stream_options without stream", C, """{"model":"stories","prompt":"x","stream_options":{"include_usage":true}}""", 400, "stream_options" },
        { "echo unsupported", C, """{"model":"stories","prompt":"x","echo":true}""", 400, "echo" },
        { "deeply nested", C, "{\"model\":\"stories\",\"prompt\":" + new string('[', 200) + new string(']', 200) + "}", 400, null },
        { "chat messages missing", Chat, """{"model":"stories"}""", 400, "messages" },
        { "chat messages empty", Chat, """{"model":"stories","messages":[]}""", 400, "messages" },
        { "chat messages a string", Chat, """{"model":"stories","messages":"hi"}""", 400, "messages" },
        { "chat message null", Chat, """{"model":"stories","messages":[null]}""", 400, "messages[0]" },
        { "chat role unknown", Chat, """{"model":"stories","messages":[{"role":"wizard","content":"hi"}]}""", 400, "messages[0].role" },
        { "chat role missing", Chat, """{"model":"stories","messages":[{"content":"hi"}]}""", 400, "messages[0].role" },
        { "chat content a number", Chat, """{"model":"stories","messages":[{"role":"user","content":5}]}""", 400, "messages[0].content" },
        { "chat image part", Chat, """{"model":"stories","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", 400, "messages[0].content[0].type" },
        { "chat top_logprobs without logprobs", Chat, """{"model":"stories","messages":[{"role":"user","content":"hi"}],"top_logprobs":3}""", 400, "top_logprobs" },
        { "chat logprobs a number", Chat, """{"model":"stories","messages":[{"role":"user","content":"hi"}],"logprobs":5}""", 400, "logprobs" },
        { "chat max_completion_tokens beyond context", Chat, """{"model":"stories","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":100000}""", 400, "max_completion_tokens" },
        { "unknown route", "/v1/engines", "{}", 404, null },
        { "lone surrogate in prompt", C, """{"model":"stories","prompt":"a\ud800b","max_tokens":2}""", 400, "prompt" },
        { "lone surrogate in model", C, """{"model":"st\udc00","prompt":"x","max_tokens":2}""", 400, "model" },
        { "lone surrogate in chat content", Chat, """{"model":"stories","messages":[{"role":"user","content":"\ud800"}]}""", 400, "messages[0].content" },
        { "lone surrogate in stop", C, """{"model":"stories","prompt":"x","stop":"\ud800"}""", 400, "stop" },
        { "valid surrogate pair is accepted", C, """{"model":"stories","prompt":"a\ud83d\ude00b","max_tokens":2}""", 200, null },
        { "NUL characters are accepted", C, """{"model":"stories","prompt":"a\u0000b","max_tokens":2}""", 200, null },
        { "unknown fields are ignored", C, """{"model":"stories","prompt":"x","max_tokens":2,"frobnicate":{"a":[1,2]}}""", 200, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_HostileBody_ExpectedErrorThenServerStillServes(string name, string path, string body, int status, string? param)
    {
        using (var response = await fx.PostAsync(path, body)) await AssertError(response, status, param, name);
        await AssertServes();
    }

    [Fact]
    public async Task Post_InvalidUtf8_400ThenServes()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"model":"stories","prompt":"ab"}""").ToList();
        bytes.InsertRange(bytes.Count - 3, [0xff, 0xfe, 0xc3]);
        using (var response = await PostBytes(C, [.. bytes])) await AssertError(response, 400, null, "invalid UTF-8");
        await AssertServes();
    }

    [Fact]
    public async Task Post_BodyOverLimit_413ThenServes()
    {
        var body = "{\"model\":\"stories\",\"prompt\":\"" + new string('a', 100 * 1024) + "\"}";
        using (var response = await fx.PostAsync(C, body)) await AssertError(response, 413, null, "body too large");
        await AssertServes();
    }

    [Fact]
    public async Task Get_OnPostRoute_405ThenServes()
    {
        using (var response = await fx.Http.GetAsync(C)) await AssertError(response, 405, null, "GET on a POST route");
        await AssertServes();
    }

    private async Task<HttpResponseMessage> PostBytes(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await fx.Http.PostAsync(path, content);
    }

    private static async Task AssertError(HttpResponseMessage response, int status, string? param, string name)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}: {text}");
        if (status == 200) return;
        using var doc = JsonDocument.Parse(text);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(Invalid, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), name);
        Assert.True(error.TryGetProperty("code", out _), name);
        var actualParam = error.GetProperty("param");
        if (param is null) return;
        Assert.True(param == actualParam.GetString(), $"{name}: param {actualParam} ≠ {param}; {text}");
    }

    private async Task AssertServes()
    {
        using var ok = await fx.PostAsync(C, """{"model":"stories","prompt":"Once","max_tokens":2}""");
        Assert.Equal(200, (int)ok.StatusCode);
    }
}
