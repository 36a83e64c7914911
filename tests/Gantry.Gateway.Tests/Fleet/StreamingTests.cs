using System.Net;
using Gantry.Gateway.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Gateway.Tests.Fleet;

public sealed class StreamingTests
{
    /// <summary>The SSE bytes the client reads through the gateway are exactly the bytes the replica wrote (recorded on the wire between them).</summary>
    [Fact]
    public async Task Stream_ThroughGateway_IsByteIdenticalToTheReplicas()
    {
        await using var replica = await Fleet.StartReplicaAsync(Fleet.ReplicaOptions());
        await using var relay = new RecordingRelay(replica.Url);
        await using var gateway = GantryGateway.Create(Fleet.GatewayOptions([relay.Url]), LogLevel.Warning);
        await gateway.StartAsync();
        using var http = Fleet.Client(gateway.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Fleet.Json("{\"model\":\"stories\",\"stream\":true,\"max_tokens\":24,\"temperature\":0.8,\"seed\":3," +
                                 "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var received = await response.Content.ReadAsByteArrayAsync();
        Assert.EndsWith("data: [DONE]\n\n", System.Text.Encoding.UTF8.GetString(received), StringComparison.Ordinal);

        byte[]? sent = null;
        foreach (var connection in relay.Responses)
        {
            byte[] raw;
            lock (connection) raw = connection.ToArray();
            sent ??= RecordingRelay.BodyOf(raw, "text/event-stream");
        }
        Assert.NotNull(sent);
        Assert.Equal(sent, received);
    }
}
