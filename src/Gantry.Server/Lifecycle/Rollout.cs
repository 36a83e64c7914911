using Gantry.Server.Catalog;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// What a candidate version must hold to during a canary, over the last <see cref="WindowSeconds"/> and once it has
/// at least <see cref="MinRequests"/> requests there (and, for the feedback score, <see cref="MinFeedback"/> rated
/// requests): a breach moves all traffic back to the stable version.
/// </summary>
public sealed record RolloutObjectives
{
    /// <summary>Most failed requests per request (HTTP 5xx or an engine error on any choice), 0..1; null: not checked.</summary>
    public double? MaxErrorRate { get; init; } = 0.05;

    /// <summary>Largest 99th percentile time to first token in milliseconds; null: not checked.</summary>
    public double? MaxTtftP99Ms { get; init; }

    /// <summary>Most requests per request that a guardrail blocked (input or output), 0..1; null: not checked.</summary>
    public double? MaxGuardrailBlockRate { get; init; }

    /// <summary>Lowest mean feedback score (<c>POST /v1/feedback</c>) over the window; null: not checked.</summary>
    public double? MinFeedbackScore { get; init; }

    /// <summary>Rated requests the window needs before <see cref="MinFeedbackScore"/> is checked.</summary>
    public int MinFeedback { get; init; } = 5;

    public int WindowSeconds { get; init; } = 60;

    public int MinRequests { get; init; } = 20;

    public void Validate()
    {
        if (MaxErrorRate is < 0 or > 1) throw ModelLifecycleException.Invalid($"max_error_rate must be in 0..1 (got {MaxErrorRate})", "objectives.max_error_rate");
        if (MaxTtftP99Ms is <= 0) throw ModelLifecycleException.Invalid($"max_ttft_p99_ms must be positive (got {MaxTtftP99Ms})", "objectives.max_ttft_p99_ms");
        if (WindowSeconds is < 1 or > 86_400) throw ModelLifecycleException.Invalid($"window_seconds must be in 1..86400 (got {WindowSeconds})", "objectives.window_seconds");
        if (MaxGuardrailBlockRate is < 0 or > 1) throw ModelLifecycleException.Invalid($"max_guardrail_block_rate must be in 0..1 (got {MaxGuardrailBlockRate})", "objectives.max_guardrail_block_rate");
        if (MinFeedbackScore is { } f && !double.IsFinite(f)) throw ModelLifecycleException.Invalid("min_feedback_score must be a finite number", "objectives.min_feedback_score");
        if (MinFeedback is < 1 or > 100_000) throw ModelLifecycleException.Invalid($"min_feedback must be in 1..100000 (got {MinFeedback})", "objectives.min_feedback");
        if (MinRequests is < 1 or > 100_000) throw ModelLifecycleException.Invalid($"min_requests must be in 1..100000 (got {MinRequests})", "objectives.min_requests");
    }

    /// <summary>
    /// The first objective <paramref name="s"/> breaches, as (objective, observed, limit, detail); null when it holds
    /// them all. Objectives: <c>error_rate</c>, <c>ttft_p99_ms</c>, <c>guardrail_block_rate</c>, <c>feedback_score</c>.
    /// </summary>
    public Breach? Breach(WindowStats s)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("0.###", inv);
        var over = $"over {s.Requests} requests in {WindowSeconds} s";
        if (s.Requests >= MinRequests)
        {
            if (MaxErrorRate is { } e && s.ErrorRate > e) return new("error_rate", N(s.ErrorRate), N(e), $"{N(s.ErrorRate)} > {N(e)} {over}");
            if (MaxTtftP99Ms is { } t && s.TtftP99Ms > t) return new("ttft_p99_ms", N(s.TtftP99Ms), N(t), $"{N(s.TtftP99Ms)} > {N(t)} {over}");
            if (MaxGuardrailBlockRate is { } b && s.BlockRate > b) return new("guardrail_block_rate", N(s.BlockRate), N(b), $"{N(s.BlockRate)} > {N(b)} {over}");
        }
        if (MinFeedbackScore is { } f && s.Feedback >= MinFeedback && s.FeedbackMean < f)
            return new("feedback_score", N(s.FeedbackMean), N(f), $"{N(s.FeedbackMean)} < {N(f)} over {s.Feedback} rated requests in {WindowSeconds} s");
        return null;
    }
}

/// <summary>An objective a candidate breached: its name, what was observed, the limit, and a sentence for logs and the audit.</summary>
public sealed record Breach(string Objective, string Observed, string Limit, string Detail);

/// <summary>The state of a canary: promoted at 100%, rolled back on a breach or by command.</summary>
public enum RolloutState { Running, Promoted, RolledBack }

/// <summary>
/// One canary of a route: the candidate takes <see cref="Steps"/>[<see cref="StepIndex"/>] percent of the traffic, the
/// stable version the rest. Steps advance on a schedule (<see cref="StepSeconds"/>) or by command; the last step (100)
/// promotes the candidate. Mutated only under the lifecycle's one-operation lock.
/// </summary>
public sealed class Rollout(string name, ModelSlot stable, ModelSlot candidate, IReadOnlyList<int> steps, int? stepSeconds, RolloutObjectives objectives, StickyMode sticky, long startedMs)
{
    public string Name { get; } = name;
    public ModelSlot Stable { get; } = stable;
    public ModelSlot Candidate { get; } = candidate;
    public IReadOnlyList<int> Steps { get; } = steps;
    public int? StepSeconds { get; } = stepSeconds;
    public RolloutObjectives Objectives { get; } = objectives;
    public StickyMode Sticky { get; } = sticky;
    public int StepIndex { get; set; }
    public long StepStartedMs { get; set; } = startedMs;
    public RolloutState State { get; set; } = RolloutState.Running;
    public string? Reason { get; set; }

    /// <summary>Resumed from the state folder when this server started (its window holds only what came since).</summary>
    public bool Resumed { get; init; }

    /// <summary>The state as the admin API and the state folder spell it: running, promoted or rolled_back.</summary>
    public string StateName => State switch { RolloutState.Promoted => "promoted", RolloutState.RolledBack => "rolled_back", _ => "running" };

    public static RolloutState ParseState(string text) => text switch
    {
        "promoted" => RolloutState.Promoted,
        "rolled_back" => RolloutState.RolledBack,
        _ => RolloutState.Running,
    };

    public int Weight => Steps[StepIndex];

    /// <summary>The route for the current step: the candidate listed first, so sticky users keep it as its weight grows.</summary>
    public ModelRoute Route() => Weight >= 100
        ? ModelRoute.Single(Candidate)
        : new ModelRoute(Name, [new RouteEntry(Candidate, Weight), new RouteEntry(Stable, 100 - Weight)], null, Sticky);

    /// <summary>Checks steps: ascending percentages in 1..100 ending at 100.</summary>
    public static void CheckSteps(IReadOnlyList<int> steps)
    {
        if (steps.Count == 0 || steps[^1] != 100 || steps.Any(s => s is < 1 or > 100) || steps.Zip(steps.Skip(1)).Any(p => p.First >= p.Second))
            throw ModelLifecycleException.Invalid("steps must be ascending percentages in 1..100 ending at 100 (e.g. [5, 25, 100])", "steps");
    }
}
