using System.Net;
using System.Text.Json;
using Gantry.Gateway.Forwarding;

namespace Gantry.Gateway.Tests.Fleet;

[Collection(FleetCollection.Name)]
public sealed class GatewayProxyTests(FleetFixture fixture)
{
    private Fleet F => fixture.Fleet;

    [Fact]
    public async Task Models_ThroughGateway_ListsTheUnionOnce()
    {
        using var http = Fleet.Client(F.Gateways[0].Url);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/v1/models"));
        var ids = doc.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal([Fleet.Model], ids);
        Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Completion_ThroughGateway_NamesTheReplicaAndKeepsTheRequestId()
    {
        using var http = Fleet.Client(F.Gateways[1].Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = Fleet.Json("{\"model\":\"stories\",\"prompt\":\"Once upon a time\",\"max_tokens\":4,\"temperature\":0}"),
        };
        request.Headers.Add("x-request-id", "client-id-42");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replica = response.Headers.GetValues(ReplicaResponseTransform.ReplicaHeader).Single();
        Assert.Contains(replica, F.Replicas.Select(r => r.Url.ToString().TrimEnd('/')));
        Assert.Equal("client-id-42", response.Headers.GetValues("x-request-id").Single());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completion_WithoutRequestId_GetsOneMade()
    {
        using var http = Fleet.Client(F.Gateways[0].Url);
        using var response = await http.PostAsync("/v1/completions", Fleet.Json("{\"model\":\"stories\",\"prompt\":\"Hi\",\"max_tokens\":1}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModel_Is404WithOpenAiError()
    {
        using var http = Fleet.Client(F.Gateways[0].Url);
        using var response = await http.PostAsync("/v1/completions", Fleet.Json("{\"model\":\"nope\",\"prompt\":\"Hi\"}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("model_not_found", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task InvalidBody_IsForwardedAndTheReplicaAnswers400()
    {
        using var http = Fleet.Client(F.Gateways[0].Url);
        using var response = await http.PostAsync("/v1/completions", Fleet.Json("{not json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.TryGetProperty("error", out _));
        Assert.True(response.Headers.Contains(ReplicaResponseTransform.ReplicaHeader));
    }

    [Fact]
    public async Task Ready_WithReplicasServing_Is200()
    {
        using var http = Fleet.Client(F.Gateways[0].Url);
        using var response = await http.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Four system prompts (each longer than the routing key's 4 blocks), ten conversations on each, sent alternately
    /// through both gateways: each group lands on one replica at least 90% of the time, and the replicas reuse cached blocks.
    /// </summary>
    [Fact]
    public async Task SharedPrefix_AcrossBothGateways_LandsOnOneReplica()
    {
        var hitsBefore = F.Replicas.Sum(r => r.Registry.Models[0].Engine.Stats.PrefixHitTokens);
        using var a = Fleet.Client(F.Gateways[0].Url);
        using var b = Fleet.Client(F.Gateways[1].Url);
        var groups = new Dictionary<int, List<string>>();
        for (var g = 0; g < 4; g++)
        {
            var system = string.Concat(Enumerable.Repeat($"System prompt number {g}: the little dog and the cat played in the park every day. ", 6));
            var tasks = Enumerable.Range(0, 10).Select(async i =>
            {
                var http = i % 2 == 0 ? a : b;
                var body = JsonSerializer.Serialize(new
                {
                    model = Fleet.Model,
                    max_tokens = 2,
                    temperature = 0,
                    messages = new object[] { new { role = "system", content = system }, new { role = "user", content = $"Question {i} about the story." } },
                });
                using var response = await http.PostAsync("/v1/chat/completions", Fleet.Json(body));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return response.Headers.GetValues(ReplicaResponseTransform.ReplicaHeader).Single();
            });
            // Two at a time, so the bounded-load ring is never pushed to spill by a burst larger than the fleet.
            var replicas = new List<string>();
            foreach (var chunk in tasks.Chunk(2)) replicas.AddRange(await Task.WhenAll(chunk));
            groups[g] = replicas;
        }
        foreach (var (g, replicas) in groups)
        {
            var top = replicas.GroupBy(r => r).Max(x => x.Count());
            Assert.True(top >= 9, $"group {g}: {string.Join(", ", replicas)}");
        }
        var hitsAfter = F.Replicas.Sum(r => r.Registry.Models[0].Engine.Stats.PrefixHitTokens);
        Assert.True(hitsAfter - hitsBefore >= 4 * 7 * 64, $"prefix-cache hit tokens grew by only {hitsAfter - hitsBefore}");
    }
}
