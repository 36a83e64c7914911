using System.Globalization;
using System.Text.RegularExpressions;
using Gantry.Server.Configuration;

namespace Gantry.Server.Tests.Endpoints;

/// <summary>
/// <c>/metrics</c> read the way the Gateway API Inference Extension's endpoint picker reads a model server: the whole text
/// parsed as Prometheus exposition format, every vLLM-named family declared a gauge, its samples well-formed and
/// agreeing with the engine.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class GieMetricsTests(ServerFixture fixture)
{
    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<k>[a-zA-Z_][a-zA-Z0-9_]*)="(?<v>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    private static (Dictionary<string, string> Types, List<Sample> Samples) Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("# HELP ", StringComparison.Ordinal)) continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal(4, parts.Length);
                Assert.True(types.TryAdd(parts[2], parts[3]), $"{parts[2]} declared twice");
                continue;
            }
            var m = SampleLine().Match(line);
            Assert.True(m.Success, $"not a sample line: '{line}'");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match p in LabelPair().Matches(m.Groups["labels"].Value)) labels[p.Groups["k"].Value] = p.Groups["v"].Value;
            var value = m.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(m.Groups["name"].Value, labels, value));
        }
        return (types, samples);
    }

    [Fact]
    public async Task Metrics_ExposeTheGieModelServerProtocol_AsGauges()
    {
        using (var r = await fixture.PostAsync("/v1/completions", """{"model":"stories","prompt":"Once upon a time","max_tokens":4}"""))
            Assert.Equal(200, (int)r.StatusCode);
        var (types, samples) = Parse(await fixture.Http.GetStringAsync("/metrics"));
        var stats = fixture.Server.Registry.Models[0].Engine.Stats;

        string[] gie = ["vllm:num_requests_waiting", "vllm:num_requests_running", "vllm:kv_cache_usage_perc", "vllm:cache_config_info", "vllm:lora_requests_info"];
        foreach (var name in gie)
        {
            Assert.Equal("gauge", types.GetValueOrDefault(name));
            var one = Assert.Single(samples, s => s.Name == name);
            Assert.Equal(ServerFixture.Model, one.Labels["model_name"]);
            Assert.True(double.IsFinite(one.Value) && one.Value >= 0, $"{name} = {one.Value}");
        }
        Assert.InRange(samples.Single(s => s.Name == "vllm:kv_cache_usage_perc").Value, 0, 1);
        Assert.InRange(samples.Single(s => s.Name == "vllm:num_requests_running").Value, 0, 1);
        Assert.InRange(samples.Single(s => s.Name == "vllm:num_requests_waiting").Value, 0, 1);

        var cache = samples.Single(s => s.Name == "vllm:cache_config_info");
        Assert.Equal(1, cache.Value);
        Assert.Equal(stats.BlockSize.ToString(CultureInfo.InvariantCulture), cache.Labels["block_size"]);
        Assert.Equal(stats.BlocksTotal.ToString(CultureInfo.InvariantCulture), cache.Labels["num_gpu_blocks"]);
        Assert.True(stats.BlocksTotal > 0 && stats.BlockSize > 0);

        var lora = samples.Single(s => s.Name == "vllm:lora_requests_info");
        Assert.Equal("", lora.Labels["running_lora_adapters"]);
        Assert.Equal("", lora.Labels["waiting_lora_adapters"]);
        Assert.Equal(new ServerOptions().MaxLoras.ToString(CultureInfo.InvariantCulture), lora.Labels["max_lora"]);
        Assert.InRange(lora.Value, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());

        // Gantry's own names stay beside them, and every sample belongs to a declared family.
        Assert.Equal("gauge", types["gantry_num_requests_waiting"]);
        Assert.Equal("counter", types["gantry_http_requests_total"]);
        foreach (var s in samples)
        {
            var family = types.Keys.Where(t => s.Name == t || s.Name.StartsWith(t + "_", StringComparison.Ordinal)).MaxBy(t => t.Length);
            Assert.True(family is not null, $"{s.Name} has no # TYPE");
        }
    }
}
