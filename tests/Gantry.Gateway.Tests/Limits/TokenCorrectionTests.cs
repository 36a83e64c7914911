using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gantry.Gateway.Hosting;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using FleetHost = Gantry.Gateway.Tests.Fleet.Fleet;

namespace Gantry.Gateway.Tests.Limits;

/// <summary>
/// A real gateway in front of a real replica corrects each request's token reservation (prompt bytes / 4 + max_tokens)
/// to the real use when the request ends, in the in-memory store and in a real <c>redis-server</c>: requests that
/// reserve far more than they use are refunded (so a tokens-per-minute limit that admits two reservations admits many
/// such requests, non-streaming, streaming with a usage chunk, and streaming without one by counted deltas), and a
/// request whose prompt tokenizes to more than its estimate is charged the difference (so the next request is refused).
/// </summary>
public sealed class TokenCorrectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("gantry-gw-tokens-").FullName;
    private GantryServer _replica = null!;

    public async Task InitializeAsync() => _replica = await FleetHost.StartReplicaAsync(FleetHost.ReplicaOptions());

    public async Task DisposeAsync()
    {
        await _replica.DisposeAsync();
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_stateDir, recursive: true); } catch (IOException) { }
    }

    private string CreateKey(int tokensPerMinute)
    {
        var store = new KeyStore(StateDatabase.Open(_stateDir), TimeProvider.System);
        return store.Create(new Tenant("acme", TenantRole.User, [], new TenantLimits { TokensPerMinute = tokensPerMinute })).Key.Reveal();
    }

    private async Task<GantryGateway> StartGatewayAsync(string? redis)
    {
        var gateway = GantryGateway.Create(FleetHost.GatewayOptions([_replica.Url]) with { StateDir = _stateDir, Redis = redis }, LogLevel.Error);
        await gateway.StartAsync();
        return gateway;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(GantryGateway gateway, string key, string json)
    {
        using var http = FleetHost.Client(gateway.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = FleetHost.Json(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The gateway's reservation for a body: its UTF-8 bytes / 4 plus max_tokens (one choice).</summary>
    private static long Reserve(string json, int maxTokens) => Encoding.UTF8.GetByteCount(json) / 4 + maxTokens;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reservation_CorrectedToRealUse_RefundedAndCharged(bool redis)
    {
        await using var redisServer = redis ? await RedisServer.StartAsync() : null;
        await using var gateway = await StartGatewayAsync(redisServer?.Configuration);

        // Refunds: 400 reserved, a handful used (the stop sequence ends each completion at its first space).
        // Without the correction a 1000 tokens/min limit admits two of these; with it, all eight.
        foreach (var mode in new[] { "json", "stream_usage", "stream_deltas" })
        {
            var key = CreateKey(1000);
            var refundsBefore = gateway.Metrics.TokenCorrections.WithLabels("refund").Value;
            long expectedRefund = 0;
            for (var i = 0; i < 8; i++)
            {
                var json = JsonSerializer.Serialize(new
                {
                    model = FleetHost.Model, prompt = "Once upon a time", max_tokens = 400, stop = new[] { " " },
                    stream = mode != "json", stream_options = mode == "stream_usage" ? new { include_usage = true } : null,
                });
                var (status, body) = await SendAsync(gateway, key, json);
                Assert.True(status == HttpStatusCode.OK, $"{mode} request {i}: {(int)status} {body}");
                if (mode == "json") expectedRefund += Reserve(json, 400) - TotalTokens(body);
            }
            var refunded = gateway.Metrics.TokenCorrections.WithLabels("refund").Value - refundsBefore;
            output.WriteLine($"{(redis ? "redis" : "memory")} {mode}: 8 requests admitted, {refunded} tokens refunded");
            Assert.True(refunded >= 8 * 300, $"{mode}: only {refunded} tokens refunded");
            if (mode == "json") Assert.Equal(expectedRefund, refunded); // exactly reservation − usage.total_tokens
        }

        // A charge: a prompt of CJK characters (6 bytes each as JSON escapes, about 3 tokens each as bytes) uses far
        // more than its estimate; the difference is taken, so a second request that fits the uncorrected bucket is refused.
        const int Limit = 500;
        var charged = CreateKey(Limit);
        var big = JsonSerializer.Serialize(new { model = FleetHost.Model, prompt = new string('故', 120), max_tokens = 1 });
        var (bigStatus, bigBody) = await SendAsync(gateway, charged, big);
        Assert.True(bigStatus == HttpStatusCode.OK, bigBody);
        var used = TotalTokens(bigBody);
        var gap = used - Reserve(big, 1);
        output.WriteLine($"CJK prompt: reserved {Reserve(big, 1)}, used {used}");
        Assert.True(gap >= 100, $"the prompt used {used} tokens against a reservation of {Reserve(big, 1)}: not a charge worth testing");
        Assert.Equal(gap, gateway.Metrics.TokenCorrections.WithLabels("charge").Value);
        // Fits what is left if the reservation had stood (Limit − reserved), not what is left after the charge (Limit − used)
        // plus what the bucket refills (Limit / 60 per second) in the ≥ 10 s this margin allows.
        var small = """{"model":"stories","prompt":"Once","max_tokens":MAX}""";
        var wanted = Limit - used + (long)(gap * 0.6);
        var next = small.Replace("MAX", (wanted - Encoding.UTF8.GetByteCount(small) / 4).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var (nextStatus, nextBody) = await SendAsync(gateway, charged, next);
        Assert.True(nextStatus == HttpStatusCode.TooManyRequests, $"{(int)nextStatus} {nextBody}");
        Assert.Contains("rate_limit_exceeded", nextBody);
    }

    private static long TotalTokens(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt64();
    }
}
