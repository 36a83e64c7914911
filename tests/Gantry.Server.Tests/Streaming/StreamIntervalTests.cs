using System.Text;
using System.Text.Json;
using Gantry.Server.Hosting;

namespace Gantry.Server.Tests.Streaming;

/// <summary>
/// A server started with a stream interval sends the same SSE events as the shared one (interval 1): one chunk per
/// token, same text, finish reason and usage, in the same order within each choice; only how many of them travel in
/// one write (and so how the choices of n &gt; 1 interleave) changes.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StreamIntervalTests(ServerFixture fx) : IAsyncLifetime
{
    private GantryServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var options = ServerFixture.Options();
        (_server, _http) = await ServerFixture.StartAsync(options with { Engine = options.Engine with { StreamInterval = 5 } });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"stories","messages":[{"role":"user","content":"Tell me a story"}],"max_tokens":37,"temperature":0.8,"seed":11,"n":2,"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("/v1/completions", """{"model":"stories","prompt":"Once upon a time","max_tokens":23,"temperature":0,"logprobs":2,"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("/v1/completions", """{"model":"stories","prompt":"Tom had a red ball.","max_tokens":64,"stop":["the"],"seed":5,"stream":true}""")]
    public async Task Stream_Interval5_SameEventsAsInterval1(string path, string body)
    {
        var expected = await Events(fx.Http, path, body);
        var actual = await Events(_http, path, body);
        Assert.Equal("[DONE]", actual[^1].Data);
        Assert.True(actual.Count > 10, $"only {actual.Count} events");
        Assert.Equal(expected.Count, actual.Count);
        foreach (var choice in expected.Select(e => e.Choice).Distinct())
            Assert.Equal(expected.Where(e => e.Choice == choice), actual.Where(e => e.Choice == choice));
        var engine = _server.Registry.Models[0].Engine;
        for (var i = 0; i < 250 && engine.Stats.BlocksUsed != 0; i++) await Task.Delay(20);
        Assert.Equal(0, engine.Stats.BlocksUsed);
    }

    /// <summary>
    /// Each <c>data:</c> payload without its id and creation time (they differ per response) or its prefix-cache count,
    /// with its choice index (-1: none).
    /// </summary>
    private static async Task<List<(int Choice, string Data)>> Events(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)response.StatusCode);
        var events = new List<(int Choice, string Data)>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = line[6..].TrimEnd('\r');
            if (data == "[DONE]")
            {
                events.Add((-1, data));
                continue;
            }
            var node = System.Text.Json.Nodes.JsonNode.Parse(data)!.AsObject();
            node.Remove("id");
            node.Remove("created");
            (node["usage"] as System.Text.Json.Nodes.JsonObject)?.Remove("prompt_tokens_details"); // cached tokens depend on earlier tests
            var choices = node["choices"]!.AsArray();
            events.Add((choices.Count == 1 ? choices[0]!["index"]!.GetValue<int>() : -1, node.ToJsonString(new JsonSerializerOptions())));
        }
        return events;
    }
}
