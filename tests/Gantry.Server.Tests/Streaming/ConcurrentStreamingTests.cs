using System.Text.Json;

namespace Gantry.Server.Tests.Streaming;

/// <summary>Many SSE clients at once, some walking away mid-stream: the rest finish intact and every KV block comes back.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConcurrentStreamingTests(ServerFixture fx)
{
    private const int Clients = 32;
    private const int Tokens = 40;
    private const int AbandonedTokens = 450; // so a request that was not cancelled would still be holding blocks when checked

    // Disposing an unread response must close the connection (not drain it), or the server never sees the client leave.
    private readonly HttpClient _leaver = new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = fx.Url };

    [Fact]
    public async Task Stream_32ClientsAThirdDisconnect_OthersCompleteAndBlocksAreFreed()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => RunClient(i, disconnect: i % 3 == 0)));
        foreach (var (index, completed, tokens, finish, done) in results.Where(r => r.Index % 3 != 0))
        {
            Assert.True(done, $"client {index} got no [DONE]");
            Assert.Equal(Tokens, completed);
            Assert.Equal("length", finish);
            Assert.True(tokens >= 1, $"client {index} got no text");
        }
        Assert.Equal(0, await fx.WaitForBlocksFreeAsync(TimeSpan.FromSeconds(5)));
        var stats = fx.Server.Registry.Models[0].Engine.Stats;
        Assert.Equal(0, stats.Running);
        Assert.Equal(0, stats.Waiting);
    }

    private async Task<(int Index, int Completed, int Chunks, string? Finish, bool Done)> RunClient(int index, bool disconnect)
    {
        var body = $$"""{"model":"stories","messages":[{"role":"user","content":"Story {{index}}"}],"max_tokens":{{(disconnect ? AbandonedTokens : Tokens)}},"stream":true,"stream_options":{"include_usage":true},"ignore_eos":true,"temperature":0.7,"seed":{{index}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        using var response = await (disconnect ? _leaver : fx.Http).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        int chunks = 0, completed = 0;
        string? finish = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            if (line == "data: [DONE]") return (index, completed, chunks, finish, true);
            using var doc = JsonDocument.Parse(line[6..]);
            var root = doc.RootElement;
            if (root.TryGetProperty("usage", out var usage)) completed = usage.GetProperty("completion_tokens").GetInt32();
            foreach (var choice in root.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("finish_reason").ValueKind == JsonValueKind.String) finish = choice.GetProperty("finish_reason").GetString();
                if (choice.GetProperty("delta").TryGetProperty("content", out var c) && c.GetString() is { Length: > 0 }) chunks++;
            }
            if (disconnect && chunks == 3) return (index, completed, chunks, finish, false); // disposing the response aborts the connection
        }
        return (index, completed, chunks, finish, false);
    }
}
