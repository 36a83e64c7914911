using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Engine.Costs;
using Gantry.Models;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Hosting;

namespace Gantry.Server.Tests.Costs;

/// <summary>
/// Cost accounting through the real server: keys for two tenants, stories260K, watts, grid intensity and a price table;
/// each request's audited cost against the core's formula, and the totals in <c>/admin/usage</c> and <c>/metrics</c>
/// against the sum of the requests.
/// </summary>
public sealed class CostAccountingHttpTests : IAsyncLifetime
{
    private const double Watts = 50, Grid = 400, PriceIn = 1.5, PriceOut = 3;
    private readonly string _stateDir = Directory.CreateTempSubdirectory("gantry-costs-").FullName;
    private GantryServer _server = null!;
    private HttpClient _http = null!;
    private KeyStore _keys = null!;

    private static readonly CostSettings Settings = new()
    {
        CpuWatts = Watts,
        GridGco2PerKwh = Grid,
        Prices = new Dictionary<string, TokenPrice> { [ServerFixture.Model] = new(PriceIn, PriceOut) },
    };

    public async Task InitializeAsync()
    {
        _keys = new KeyStore(StateDatabase.Open(_stateDir), TimeProvider.System);
        (_server, _http) = await ServerFixture.StartAsync(ServerFixture.Options() with
        {
            Security = new SecuritySettings { StateDir = _stateDir, Auth = AuthMode.Keys },
            Costs = Settings,
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_stateDir, recursive: true); } catch (IOException) { }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Complete(ApiKey key, string prompt, int maxTokens, string requestId)
    {
        using var r = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { model = ServerFixture.Model, prompt, max_tokens = maxTokens, temperature = 0 }), Encoding.UTF8, "application/json"),
        };
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        r.Headers.Add("x-request-id", requestId);
        using var response = await _http.SendAsync(r);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<JsonElement> Admin(ApiKey admin, string path)
    {
        using var r = new HttpRequestMessage(HttpMethod.Get, path);
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Reveal());
        using var response = await _http.SendAsync(r);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    [Fact]
    public async Task Requests_CostsMatchTheFormula_AndAddUpInUsageAndMetrics()
    {
        var admin = _keys.Create(new Tenant("ops", TenantRole.Admin, [], TenantLimits.Unlimited)).Key;
        var acme = _keys.Create(new Tenant("acme", TenantRole.User, [ServerFixture.Model], TenantLimits.Unlimited)).Key;
        var beta = _keys.Create(new Tenant("beta", TenantRole.User, [ServerFixture.Model], TenantLimits.Unlimited)).Key;
        // One at a time, so each request runs alone: its weight share is one full read per step (a step per completion token).
        (ApiKey Key, string Tenant, string Prompt, int MaxTokens)[] sent =
        [
            (acme, "acme", "Once upon a time", 6), (acme, "acme", "The cat sat", 1), (beta, "beta", "A dog ran", 9),
            (beta, "beta", "Lily had a red ball", 3), (acme, "acme", "Tim", 12),
        ];
        var usages = new Dictionary<string, (int Prompt, int Completion, int Cached)>();
        for (var i = 0; i < sent.Length; i++)
        {
            var (status, body) = await Complete(sent[i].Key, sent[i].Prompt, sent[i].MaxTokens, $"cost-{i}");
            Assert.Equal(HttpStatusCode.OK, status);
            var u = body.GetProperty("usage");
            usages[$"cost-{i}"] = (u.GetProperty("prompt_tokens").GetInt32(), u.GetProperty("completion_tokens").GetInt32(),
                u.TryGetProperty("prompt_tokens_details", out var d) ? d.GetProperty("cached_tokens").GetInt32() : 0);
        }
        // A refused request (max_tokens 0) generates nothing and costs nothing.
        var (refused, _) = await Complete(acme, "Nothing", 0, "cost-refused");
        Assert.Equal(HttpStatusCode.BadRequest, refused);

        // The audit record is written as the request's pipeline unwinds, just after the client has its answer: wait for all.
        JsonElement[] audited = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            audited = (await Admin(admin, "/admin/audit?since=0&limit=100")).GetProperty("data").EnumerateArray()
                .Where(e => e.GetProperty("request_id").GetString()!.StartsWith("cost-", StringComparison.Ordinal)).ToArray();
            if (audited.Length == sent.Length + 1) break;
            await Task.Delay(50);
        }
        Assert.Equal(sent.Length + 1, audited.Length);
        Assert.False(audited.Single(e => e.GetProperty("request_id").GetString() == "cost-refused").TryGetProperty("cost", out _));

        var info = _server.Registry.Models[0].Model.Info;
        var totals = new Dictionary<string, RequestCost>();
        foreach (var e in audited.Where(e => e.GetProperty("request_id").GetString() != "cost-refused"))
        {
            var (prompt, completion, cached) = usages[e.GetProperty("request_id").GetString()!];
            var c = e.GetProperty("cost");
            var cost = new RequestCost(c.GetProperty("flops").GetDouble(), c.GetProperty("bytes_read").GetDouble(), c.GetProperty("cpu_seconds").GetDouble(),
                c.GetProperty("energy_joules").GetDouble(), c.GetProperty("carbon_gco2e").GetDouble(), c.GetProperty("price").GetDouble());
            var expected = CostModel.Computed(info, prompt, completion, cached, weightShare: completion, kvBytesPerElement: 4, cost.CpuSeconds, Settings);
            Near(expected.Flops, cost.Flops, "flops");
            Near(expected.BytesRead, cost.BytesRead, "bytes read");
            Assert.True(cost.CpuSeconds >= 0, $"cpu seconds {cost.CpuSeconds}");
            Near(cost.CpuSeconds * Watts, cost.Joules, "joules");
            Near(cost.Joules / 3.6e6 * Grid, cost.GramsCo2e, "grams");
            Near(prompt / 1e6 * PriceIn + completion / 1e6 * PriceOut, cost.Price, "price");
            if (completion == 1) Near(CostModel.Flops(info, prompt, 0) - CostModel.Flops(info, cached, 0), cost.Flops, "one token: the prompt's pass only");
            var tenant = e.GetProperty("tenant").GetString()!;
            totals[tenant] = totals.GetValueOrDefault(tenant) + cost;
        }
        Assert.True(totals.Values.Sum(t => t.CpuSeconds) > 0, "the engine's steps took some CPU time");

        var usage = (await Admin(admin, "/admin/usage?since=0")).GetProperty("data").EnumerateArray().ToArray();
        var metrics = await _http.GetStringAsync("/metrics");
        foreach (var (tenant, total) in totals)
        {
            var row = usage.Single(r => r.GetProperty("tenant").GetString() == tenant);
            Assert.Equal(sent.Count(s => s.Tenant == tenant), row.GetProperty("requests").GetDouble());
            var c = row.GetProperty("cost");
            Near(total.Flops, c.GetProperty("flops").GetDouble(), "usage flops");
            Near(total.BytesRead, c.GetProperty("bytes_read").GetDouble(), "usage bytes");
            Near(total.CpuSeconds, c.GetProperty("cpu_seconds").GetDouble(), "usage cpu");
            Near(total.Joules, c.GetProperty("energy_joules").GetDouble(), "usage joules");
            Near(total.GramsCo2e, c.GetProperty("carbon_gco2e").GetDouble(), "usage grams");
            Near(total.Price, c.GetProperty("price").GetDouble(), "usage price");
            Assert.Equal(total.Flops, Series(metrics, "gantry_request_flops_total", tenant), 6);
            Assert.Equal(total.Price, Series(metrics, "gantry_request_price_total", tenant), 9);
            Assert.Equal(total.Joules, Series(metrics, "gantry_request_energy_joules_total", tenant), 6);
        }
    }

    /// <summary>A cost counter's value for the served model and <paramref name="tenant"/> in Prometheus text.</summary>
    private static double Series(string metrics, string name, string tenant)
    {
        var prefix = $"{name}{{model_name=\"{ServerFixture.Model}\",tenant=\"{tenant}\"}} ";
        var line = metrics.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
