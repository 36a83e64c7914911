using Gantry.Server.Metrics;
using Prometheus;

namespace Gantry.Server.Lifecycle;

/// <summary>The lifecycle's Prometheus series, in the server's registry (see <see cref="ServerMetrics"/>).</summary>
internal sealed class LifecycleMetrics
{
    private static readonly double[] LoadBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 2, 4, 8, 16, 32, 64];

    // Covers thumbs (0/1 or -1/1), 0..1 scores and 1-5 stars.
    private static readonly double[] FeedbackBuckets = [-1, -0.5, 0, 0.25, 0.5, 0.75, 1, 2, 3, 4, 5];

    public LifecycleMetrics(ServerMetrics server)
    {
        var f = Prometheus.Metrics.WithCustomRegistry(server.Registry);
        ColdStart = f.CreateHistogram("gantry_model_cold_start_seconds", "Time to load a model version again after an idle unload (the waiting request's extra latency).",
            new HistogramConfiguration { LabelNames = ["model_name", "version"], Buckets = LoadBuckets });
        Loads = f.CreateCounter("gantry_model_loads_total", "Model versions loaded, by reason (startup, load, swap, canary, cold_start).", ["model_name", "version", "reason"]);
        Frees = f.CreateCounter("gantry_model_unloads_total", "Model versions freed, by reason (retired, idle).", ["model_name", "version", "reason"]);
        LeakedBlocks = f.CreateCounter("gantry_model_kv_blocks_leaked_total", "KV blocks still held by sequences when a version was freed (should stay 0).", ["model_name"]);
        Rollbacks = f.CreateCounter("gantry_model_rollbacks_total", "Automatic rollbacks of a candidate version, by breached objective.", ["model_name", "version", "objective"]);
        Weight = f.CreateGauge("gantry_model_version_weight", "Traffic weight of each routed version (percent of the route's total).", ["model_name", "version"]);
        VersionRequests = f.CreateCounter("gantry_model_version_requests_total", "Generation requests by the version that served them and outcome (ok, error).", ["model_name", "version", "outcome"]);
        VersionTtft = f.CreateHistogram("gantry_model_version_ttft_seconds", "Time to first token by version.",
            new HistogramConfiguration { LabelNames = ["model_name", "version"], Buckets = LoadBuckets });
        VersionBlocks = f.CreateCounter("gantry_model_version_guardrail_blocks_total", "Generation requests a guardrail blocked (input or output), by the version they were routed to.", ["model_name", "version"]);
        FeedbackScore = f.CreateHistogram("gantry_model_feedback_score", "Feedback scores (POST /v1/feedback) by the version that served the rated request.",
            new HistogramConfiguration { LabelNames = ["model_name", "version"], Buckets = FeedbackBuckets });
        ShadowRequests = f.CreateCounter("gantry_model_shadow_requests_total", "Copies of requests run on a shadow version (responses discarded), by outcome.", ["model_name", "version", "outcome"]);
    }

    public Histogram ColdStart { get; }
    public Counter Loads { get; }
    public Counter Frees { get; }
    public Counter LeakedBlocks { get; }
    public Counter Rollbacks { get; }
    public Gauge Weight { get; }
    public Counter VersionRequests { get; }
    public Histogram VersionTtft { get; }
    public Counter VersionBlocks { get; }
    public Histogram FeedbackScore { get; }
    public Counter ShadowRequests { get; }
}
