using System.Diagnostics.Metrics;
using Gantry.Server.Catalog;

namespace Gantry.Server.Telemetry;

/// <summary>
/// The server's OpenTelemetry metrics (meter <see cref="GantryTelemetry.MeterName"/>): request and token counters,
/// latency histograms in seconds, and per-model gauges observed from the engines' stats at export time. They mirror the
/// Prometheus series of <c>/metrics</c> under OpenTelemetry names. An instrument nobody listens to records nothing, so
/// the per-token calls cost a branch when telemetry is off. A singleton; thread-safe.
/// </summary>
internal sealed class ServerMeter : IDisposable
{
    private readonly Meter _meter = new(GantryTelemetry.MeterName);

    public ServerMeter(ModelRegistry registry)
    {
        Requests = _meter.CreateCounter<long>("gantry.requests", "{request}", "Finished generations by model and finish reason.");
        PromptTokens = _meter.CreateCounter<long>("gantry.tokens.prompt", "{token}", "Prompt tokens of finished generations.");
        GenerationTokens = _meter.CreateCounter<long>("gantry.tokens.generation", "{token}", "Generated tokens of finished generations.");
        TimeToFirstToken = _meter.CreateHistogram<double>("gantry.time_to_first_token", "s", "Time from request arrival to the first token.");
        InterTokenLatency = _meter.CreateHistogram<double>("gantry.inter_token_latency", "s", "Time between successive tokens of one generation.");
        EndToEndLatency = _meter.CreateHistogram<double>("gantry.e2e_request_latency", "s", "Time from request arrival to the last token.");
        QueueWait = _meter.CreateHistogram<double>("gantry.queue_wait", "s", "Time a generation waited in the engine's queue before its first step.");
        _meter.CreateObservableGauge("gantry.requests.running", () => Observe(registry, s => s.Running), "{sequence}", "Sequences in the engine's running batch.");
        _meter.CreateObservableGauge("gantry.requests.waiting", () => Observe(registry, s => s.Waiting), "{request}", "Requests waiting for admission.");
        _meter.CreateObservableGauge("gantry.kv_cache.usage", () => Observe(registry, s => s.KvUsage), "1", "Fraction of KV-cache blocks in use.");
        _meter.CreateObservableGauge("gantry.prefix_cache.hit_rate", () => Observe(registry, s => s.PrefixHitRate), "1", "Prompt tokens served from the prefix cache / looked up, since start.");
        _meter.CreateObservableGauge("gantry.generation.tokens_per_second", () => Observe(registry, s => s.GenerationTokensPerSecond), "{token}/s", "Generated tokens per second over the last few seconds.");
    }

    public Counter<long> Requests { get; }
    public Counter<long> PromptTokens { get; }
    public Counter<long> GenerationTokens { get; }
    public Histogram<double> TimeToFirstToken { get; }
    public Histogram<double> InterTokenLatency { get; }
    public Histogram<double> EndToEndLatency { get; }
    public Histogram<double> QueueWait { get; }

    private static IEnumerable<Measurement<double>> Observe(ModelRegistry registry, Func<Engine.EngineStats, double> value)
    {
        foreach (var m in registry.Models)
            yield return new Measurement<double>(value(m.Engine.Stats), new KeyValuePair<string, object?>(RequestTrace.ModelTag, m.Name));
    }

    public void Dispose() => _meter.Dispose();
}
