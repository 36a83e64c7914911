using System.Diagnostics;
using System.Text;

namespace Gantry.Bench.Gateway;

/// <summary>
/// What the gateway itself costs, against one replica: latency of small non-streamed requests sent directly and through
/// the gateway, alternately (p50 of each and the median of paired differences), and tokens/s of long streams both ways.
/// </summary>
internal static class Overhead
{
    public sealed record Result(int Requests, double DirectP50Ms, double GatewayP50Ms, double OverheadP50Ms, double PairedMedianMs,
        double DirectTokensPerSecond, double GatewayTokensPerSecond, double StreamLossFraction, int StreamTokens);

    public static async Task<Result> RunAsync(LiveFleet fleet, int requests, int streamTokens, int streamRounds)
    {
        using var direct = new HttpClient { BaseAddress = fleet.Replicas[0].Url, Timeout = TimeSpan.FromMinutes(5) };
        using var gateway = new HttpClient { BaseAddress = fleet.Gateway!.Url, Timeout = TimeSpan.FromMinutes(5) };
        const string body = """{"model":"m","prompt":"Hi","max_tokens":1,"temperature":0}""";
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(direct, body);
            await SendAsync(gateway, body);
        }
        var d = new List<double>();
        var g = new List<double>();
        var paired = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            // alternate which path goes first, so drift in the machine's load hits both alike
            double a, b;
            if (i % 2 == 0) { a = await SendAsync(direct, body); b = await SendAsync(gateway, body); }
            else { b = await SendAsync(gateway, body); a = await SendAsync(direct, body); }
            d.Add(a);
            g.Add(b);
            paired.Add(b - a);
        }
        var directRates = new List<double>();
        var gatewayRates = new List<double>();
        var tokens = 0;
        for (var r = 0; r < streamRounds; r++)
        {
            foreach (var (client, rates) in r % 2 == 0 ? new[] { (direct, directRates), (gateway, gatewayRates) } : [(gateway, gatewayRates), (direct, directRates)])
            {
                var t = await Streams.CompleteAsync(client, "Once upon a time", streamTokens);
                tokens = t.Tokens;
                rates.Add((t.Tokens - 1) / Math.Max(1e-9, t.LastTokenSeconds - t.TtftSeconds));
            }
        }
        var dr = Streams.Percentile(directRates, 0.5);
        var gr = Streams.Percentile(gatewayRates, 0.5);
        var dp = Streams.Percentile(d, 0.5);
        var gp = Streams.Percentile(g, 0.5);
        return new Result(requests, dp, gp, gp - dp, Streams.Percentile(paired, 0.5), dr, gr, 1 - gr / dr, tokens);
    }

    private static async Task<double> SendAsync(HttpClient http, string body)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/v1/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}");
        return clock.Elapsed.TotalMilliseconds;
    }
}
