using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gantry.Gateway.Hosting;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Hosting;
using Microsoft.Extensions.Logging;
using FleetHost = Gantry.Gateway.Tests.Fleet.Fleet;

namespace Gantry.Gateway.Tests.Limits;

/// <summary>
/// API keys' limits enforced by the gateways: with a real <c>redis-server</c> shared by two gateways a tenant's
/// requests-per-minute hold across both, and a Redis restart is survived (failed open or closed meanwhile, counted);
/// without Redis each gateway counts alone.
/// </summary>
public sealed class SharedLimitsTests : IAsyncLifetime
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("gantry-gw-limits-").FullName;
    private GantryServer _replica = null!;

    public async Task InitializeAsync() => _replica = await FleetHost.StartReplicaAsync(FleetHost.ReplicaOptions());

    public async Task DisposeAsync()
    {
        await _replica.DisposeAsync();
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_stateDir, recursive: true); } catch (IOException) { }
    }

    private string CreateKey(TenantLimits limits, params string[] models)
    {
        var store = new KeyStore(StateDatabase.Open(_stateDir), TimeProvider.System);
        return store.Create(new Tenant("acme", TenantRole.User, models, limits)).Key.Reveal();
    }

    private async Task<GantryGateway> StartGatewayAsync(string? redis, RedisFailureMode failure = RedisFailureMode.Open)
    {
        var options = FleetHost.GatewayOptions([_replica.Url]) with { StateDir = _stateDir, Redis = redis, RedisFailure = failure };
        var gateway = GantryGateway.Create(options, LogLevel.Error);
        await gateway.StartAsync();
        return gateway;
    }

    private static async Task<(HttpStatusCode Status, string? Code, string? RetryAfter)> SendAsync(GantryGateway gateway, string? key, string model = FleetHost.Model)
    {
        using var http = FleetHost.Client(gateway.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = FleetHost.Json($"{{\"model\":\"{model}\",\"prompt\":\"Once\",\"max_tokens\":1}}"),
        };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using var doc = JsonDocument.Parse(body);
            code = doc.RootElement.GetProperty("error").GetProperty("code").GetString();
        }
        return (response.StatusCode, code, response.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task TenantLimit_HoldsAcrossTwoGateways_SharingRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        var key = CreateKey(new TenantLimits { RequestsPerMinute = 4 });
        await using var a = await StartGatewayAsync(redis.Configuration);
        await using var b = await StartGatewayAsync(redis.Configuration);

        var results = new List<(HttpStatusCode Status, string? Code, string? RetryAfter)>();
        for (var i = 0; i < 10; i++) results.Add(await SendAsync(i % 2 == 0 ? a : b, key));

        Assert.Equal(4, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(results.Skip(4), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
            Assert.Equal("rate_limit_exceeded", r.Code);
            Assert.True(int.Parse(r.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        });
        Assert.Equal(0, a.Metrics.LimitStoreErrors.WithLabels("open").Value + b.Metrics.LimitStoreErrors.WithLabels("open").Value);
    }

    [Fact]
    public async Task WithoutRedis_EachGatewayCountsAlone()
    {
        var key = CreateKey(new TenantLimits { RequestsPerMinute = 2 });
        await using var a = await StartGatewayAsync(redis: null);
        await using var b = await StartGatewayAsync(redis: null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await SendAsync(i % 2 == 0 ? a : b, key)).Status);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Keys_AreRequiredAndModelsAllowListed()
    {
        var key = CreateKey(TenantLimits.Unlimited, "other-model");
        await using var gateway = await StartGatewayAsync(redis: null);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), Pick(await SendAsync(gateway, key: null)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), Pick(await SendAsync(gateway, "gk-nope-nope")));
        Assert.Equal((HttpStatusCode.Forbidden, "model_not_allowed"), Pick(await SendAsync(gateway, key)));
        Assert.Equal(0d, gateway.Metrics.Requests.WithLabels("none", "401").Value + gateway.Metrics.Retries.Value);

        static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, string? _) r) => (r.Status, r.Code);
    }

    /// <summary>Redis killed and started again on its port: meanwhile the fail-open gateway lets requests through and the
    /// fail-closed one answers 503, each counted; afterwards both count in Redis again and the limit holds again.</summary>
    [Fact]
    public async Task RedisRestart_IsSurvived()
    {
        await using var redis = await RedisServer.StartAsync();
        var key = CreateKey(new TenantLimits { RequestsPerMinute = 3 });
        await using var open = await StartGatewayAsync(redis.Configuration, RedisFailureMode.Open);
        await using var closed = await StartGatewayAsync(redis.Configuration, RedisFailureMode.Closed);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(open, key)).Status);

        await redis.StopAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(open, key)).Status);
        var refused = await SendAsync(closed, key);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "limit_store_unavailable"), (refused.Status, refused.Code));
        Assert.True(open.Metrics.LimitStoreErrors.WithLabels("open").Value >= 1);
        Assert.True(closed.Metrics.LimitStoreErrors.WithLabels("closed").Value >= 1);

        await redis.StartAgainAsync(); // empty: the restarted Redis has no counters
        var deadline = DateTime.UtcNow.AddSeconds(90);
        HttpStatusCode status;
        while ((status = (await SendAsync(closed, key)).Status) == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, status); // 1 of 3 after the restart
        var openErrors = open.Metrics.LimitStoreErrors.WithLabels("open").Value;
        var rest = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var gateway = i % 2 == 0 ? open : closed;
            // The fail-open gateway may not have reconnected yet; wait until it counts in Redis again.
            var r = await SendAsync(gateway, key);
            while (gateway == open && open.Metrics.LimitStoreErrors.WithLabels("open").Value > openErrors && DateTime.UtcNow < deadline)
            {
                openErrors = open.Metrics.LimitStoreErrors.WithLabels("open").Value;
                await Task.Delay(200);
                r = await SendAsync(gateway, key);
            }
            rest.Add(r.Status);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], rest);
    }
}
