using Gantry.Server.Catalog;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// What a candidate version must hold to during a canary, over the last <see cref="WindowSeconds"/> and once it has
/// at least <see cref="MinRequests"/> requests there: a breach moves all traffic back to the stable version.
/// </summary>
public sealed record RolloutObjectives
{
    /// <summary>Most failed requests per request (HTTP 5xx or an engine error on any choice), 0..1; null: not checked.</summary>
    public double? MaxErrorRate { get; init; } = 0.05;

    /// <summary>Largest 99th percentile time to first token in milliseconds; null: not checked.</summary>
    public double? MaxTtftP99Ms { get; init; }

    public int WindowSeconds { get; init; } = 60;

    public int MinRequests { get; init; } = 20;

    public void Validate()
    {
        if (MaxErrorRate is < 0 or > 1) throw ModelLifecycleException.Invalid($"max_error_rate must be in 0..1 (got {MaxErrorRate})", "objectives.max_error_rate");
        if (MaxTtftP99Ms is <= 0) throw ModelLifecycleException.Invalid($"max_ttft_p99_ms must be positive (got {MaxTtftP99Ms})", "objectives.max_ttft_p99_ms");
        if (WindowSeconds is < 1 or > 86_400) throw ModelLifecycleException.Invalid($"window_seconds must be in 1..86400 (got {WindowSeconds})", "objectives.window_seconds");
        if (MinRequests is < 1 or > 100_000) throw ModelLifecycleException.Invalid($"min_requests must be in 1..100000 (got {MinRequests})", "objectives.min_requests");
    }

    /// <summary>The first objective <paramref name="s"/> breaches, as (objective, observed, limit); null when it holds them all.</summary>
    public (string Objective, string Observed, string Limit)? Breach(WindowStats s)
    {
        if (s.Requests < MinRequests) return null;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (MaxErrorRate is { } e && s.ErrorRate > e) return ("error_rate", s.ErrorRate.ToString("0.###", inv), e.ToString("0.###", inv));
        if (MaxTtftP99Ms is { } t && s.TtftP99Ms > t) return ("ttft_p99_ms", s.TtftP99Ms.ToString("0.#", inv), t.ToString("0.#", inv));
        return null;
    }
}

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
