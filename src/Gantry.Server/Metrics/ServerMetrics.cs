using Prometheus;

namespace Gantry.Server.Metrics;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own (several servers may share a process in tests).
/// Request-level series are recorded by handlers; engine gauges are refreshed from <see cref="Engine.EngineStats"/> at scrape time.
/// prometheus-net forbids ':' in names, so these use the <c>gantry_</c> prefix; <see cref="GatewayMetrics"/> adds the colon-named
/// series routers read.
/// </summary>
internal sealed class ServerMetrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80];
    private static readonly double[] TokenLatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10];

    public ServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        string[] model = ["model_name"];
        HttpRequests = f.CreateCounter("gantry_http_requests_total", "HTTP requests by endpoint and status code.", ["endpoint", "status"]);
        RequestSuccess = f.CreateCounter("gantry_request_success_total", "Finished generations by finish reason.", ["model_name", "finished_reason"]);
        PromptTokens = f.CreateCounter("gantry_prompt_tokens_total", "Prompt tokens of finished generations.", model);
        GenerationTokens = f.CreateCounter("gantry_generation_tokens_total", "Generated tokens of finished generations.", model);
        TimeToFirstToken = f.CreateHistogram("gantry_time_to_first_token_seconds", "Time from request arrival to the first token.", new HistogramConfiguration { LabelNames = model, Buckets = LatencyBuckets });
        InterTokenLatency = f.CreateHistogram("gantry_inter_token_latency_seconds", "Time between successive tokens of one generation.", new HistogramConfiguration { LabelNames = model, Buckets = TokenLatencyBuckets });
        EndToEndLatency = f.CreateHistogram("gantry_e2e_request_latency_seconds", "Time from request arrival to the last token.", new HistogramConfiguration { LabelNames = model, Buckets = LatencyBuckets });
        Running = f.CreateGauge("gantry_num_requests_running", "Sequences in the engine's running batch.", model);
        Waiting = f.CreateGauge("gantry_num_requests_waiting", "Requests waiting for admission.", model);
        KvUsage = f.CreateGauge("gantry_kv_cache_usage_perc", "Fraction of KV-cache blocks in use (1 = full).", model);
        KvBlocksUsed = f.CreateGauge("gantry_kv_blocks_used", "KV-cache blocks held by sequences.", model);
        KvBlocksTotal = f.CreateGauge("gantry_kv_blocks_total", "KV-cache blocks in the pool.", model);
        PrefixHitRate = f.CreateGauge("gantry_prefix_cache_hit_rate", "Prompt tokens served from the prefix cache / prompt tokens looked up, since start.", model);
        PrefixQueries = f.CreateCounter("gantry_prefix_cache_queries_total", "Prompt tokens looked up in the prefix cache.", model);
        PrefixHits = f.CreateCounter("gantry_prefix_cache_hits_total", "Prompt tokens found in the prefix cache.", model);
        Preemptions = f.CreateCounter("gantry_num_preemptions_total", "Sequences preempted (recomputed) for lack of KV blocks.", model);
        string[] cost = ["model_name", "tenant"];
        CostFlops = f.CreateCounter("gantry_request_flops_total", "Estimated FLOPs of finished requests' forward passes (model shape × tokens).", cost);
        CostBytesRead = f.CreateCounter("gantry_request_bytes_read_total", "Estimated weight and KV-cache bytes finished requests read.", cost);
        CostCpuSeconds = f.CreateCounter("gantry_request_cpu_seconds_total", "Process CPU seconds of the engine steps finished requests ran in (their share by scheduled tokens).", cost);
        CostEnergy = f.CreateCounter("gantry_request_energy_joules_total", "Energy of finished requests: CPU seconds × the configured CPU watts.", cost);
        CostCarbon = f.CreateCounter("gantry_request_carbon_grams_total", "Carbon of finished requests in gCO2e: energy × the configured grid intensity.", cost);
        CostPrice = f.CreateCounter("gantry_request_price_total", "What finished requests cost under the price table (its currency).", cost);
        CascadeRequests = f.CreateCounter("gantry_cascade_requests_total", "Requests to a cascade route.", ["cascade"]);
        CascadeEscalations = f.CreateCounter("gantry_cascade_escalations_total", "Cascade requests the large model answered, by why the small answer fell short.", ["cascade", "reason"]);
        CascadeSavedTokens = f.CreateCounter("gantry_cascade_saved_tokens_total", "Tokens (prompt + completion) the small model answered that the large model never ran.", ["cascade"]);
        CascadeSavedFlops = f.CreateGauge("gantry_cascade_saved_flops", "Estimated FLOPs saved against answering every cascade request with the large model (negative: the small tries cost more).", ["cascade"]);
        CascadeSavedPrice = f.CreateGauge("gantry_cascade_saved_price", "Price (under the price table) saved against answering every cascade request with the large model.", ["cascade"]);
        GuardrailVerdicts = f.CreateCounter("gantry_guardrail_verdicts_total",
            "Requests on which a guardrail check fired, by stage (input, output), check and action (flag, redact, block; error: the guard model failed).", ["stage", "check", "action"]);
        GuardModelSeconds = f.CreateHistogram("gantry_guard_model_seconds", "Time the guard model took to judge one text, by stage and outcome (safe, unsafe, unparseable, error).",
            new HistogramConfiguration { LabelNames = ["stage", "outcome"], Buckets = LatencyBuckets });
    }

    public CollectorRegistry Registry { get; }

    public Counter HttpRequests { get; }
    public Counter RequestSuccess { get; }
    public Counter PromptTokens { get; }
    public Counter GenerationTokens { get; }
    public Histogram TimeToFirstToken { get; }
    public Histogram InterTokenLatency { get; }
    public Histogram EndToEndLatency { get; }
    public Gauge Running { get; }
    public Gauge Waiting { get; }
    public Gauge KvUsage { get; }
    public Gauge KvBlocksUsed { get; }
    public Gauge KvBlocksTotal { get; }
    public Gauge PrefixHitRate { get; }
    public Counter PrefixQueries { get; }
    public Counter PrefixHits { get; }
    public Counter Preemptions { get; }
    public Counter GuardrailVerdicts { get; }
    public Histogram GuardModelSeconds { get; }
    public Counter CascadeRequests { get; }
    public Counter CascadeEscalations { get; }
    public Counter CascadeSavedTokens { get; }
    public Gauge CascadeSavedFlops { get; }
    public Gauge CascadeSavedPrice { get; }

    /// <summary>One cascade request: <paramref name="escalation"/> is the reason it escalated (null: the small answer stood).</summary>
    public void RecordCascade(string cascade, string? escalation, long savedTokens, double savedFlops, double savedPrice)
    {
        CascadeRequests.WithLabels(cascade).Inc();
        if (escalation is not null) CascadeEscalations.WithLabels(cascade, escalation).Inc();
        CascadeSavedTokens.WithLabels(cascade).Inc(savedTokens);
        CascadeSavedFlops.WithLabels(cascade).Inc(savedFlops);
        CascadeSavedPrice.WithLabels(cascade).Inc(savedPrice);
    }

    public Counter CostFlops { get; }
    public Counter CostBytesRead { get; }
    public Counter CostCpuSeconds { get; }
    public Counter CostEnergy { get; }
    public Counter CostCarbon { get; }
    public Counter CostPrice { get; }

    /// <summary>Adds one request's cost to its model's and tenant's counters (<paramref name="tenant"/> "" without a key).</summary>
    public void RecordCost(string model, string tenant, Gantry.Engine.Costs.RequestCost cost)
    {
        CostFlops.WithLabels(model, tenant).Inc(cost.Flops);
        CostBytesRead.WithLabels(model, tenant).Inc(cost.BytesRead);
        CostCpuSeconds.WithLabels(model, tenant).Inc(cost.CpuSeconds);
        CostEnergy.WithLabels(model, tenant).Inc(cost.Joules);
        CostCarbon.WithLabels(model, tenant).Inc(cost.GramsCo2e);
        CostPrice.WithLabels(model, tenant).Inc(cost.Price);
    }

    /// <summary>Copies one engine's latest stats into the gauges.</summary>
    public void Refresh(string model, Engine.EngineStats s)
    {
        Running.WithLabels(model).Set(s.Running);
        Waiting.WithLabels(model).Set(s.Waiting);
        KvUsage.WithLabels(model).Set(s.KvUsage);
        KvBlocksUsed.WithLabels(model).Set(s.BlocksUsed);
        KvBlocksTotal.WithLabels(model).Set(s.BlocksTotal);
        PrefixHitRate.WithLabels(model).Set(s.PrefixHitRate);
        PrefixQueries.WithLabels(model).IncTo(s.PrefixQueriedTokens);
        PrefixHits.WithLabels(model).IncTo(s.PrefixHitTokens);
        Preemptions.WithLabels(model).IncTo(s.Preemptions);
    }

    /// <summary>The label children one generation records into, looked up once per request.</summary>
    public RequestRecorder For(string model, RequestCosting? costing = null) => new(this, model) { Costing = costing };
}

/// <summary>Per-model metric children for one request's hot path (no label lookups per token).</summary>
internal sealed class RequestRecorder(ServerMetrics m, string model)
{
    public string Model { get; } = model;
    public Histogram.Child TimeToFirstToken { get; } = m.TimeToFirstToken.WithLabels(model);
    public Histogram.Child InterTokenLatency { get; } = m.InterTokenLatency.WithLabels(model);
    public Histogram.Child EndToEndLatency { get; } = m.EndToEndLatency.WithLabels(model);

    /// <summary>Time to first token of the request's first choice in seconds; negative until one came (the lifecycle's objectives read it).</summary>
    public double FirstTokenSeconds { get; private set; } = -1;

    /// <summary>Choices that ended with an engine error.</summary>
    public int Errors { get; private set; }

    /// <summary>A choice's first token, <paramref name="seconds"/> after the request arrived.</summary>
    public void FirstToken(double seconds)
    {
        TimeToFirstToken.Observe(seconds);
        if (FirstTokenSeconds < 0) FirstTokenSeconds = seconds;
    }

    /// <summary>The largest prompt of the request's choices, in tokens (drift monitoring reads it).</summary>
    public int PromptTokens { get; private set; }

    /// <summary>Tokens generated over all choices.</summary>
    public int CompletionTokens { get; private set; }

    /// <summary>The finish reason of the last choice to finish; null until one did.</summary>
    public string? FinishReason { get; private set; }

    /// <summary>Mean natural-log probability of the generated tokens; NaN unless the request asked for log-probabilities.</summary>
    public double MeanLogProb => _logProbCount == 0 ? double.NaN : _logProbSum / _logProbCount;

    private double _logProbSum;
    private int _logProbCount;

    /// <summary>One generated token's log-probability (when the request asked for them). Per token: two adds, no allocation.</summary>
    public void TokenLogProb(float logProb)
    {
        _logProbSum += logProb;
        _logProbCount++;
    }

    /// <summary>Sums the request's cost over its choices; null records none (shadow copies).</summary>
    public RequestCosting? Costing { get; init; }

    /// <summary>A choice's final usage (whatever its finish reason, cancelled too: the work was done).</summary>
    public void ChoiceEnded(Engine.GenerationUsage usage, double cpuSeconds, double weightShare) => Costing?.Add(usage, cpuSeconds, weightShare);

    public void Finished(string reason, int promptTokens, int completionTokens)
    {
        if (reason == "error") Errors++;
        PromptTokens = Math.Max(PromptTokens, promptTokens);
        CompletionTokens += completionTokens;
        FinishReason = reason;
        m.RequestSuccess.WithLabels(Model, reason).Inc();
        m.PromptTokens.WithLabels(Model).Inc(promptTokens);
        m.GenerationTokens.WithLabels(Model).Inc(completionTokens);
    }
}
