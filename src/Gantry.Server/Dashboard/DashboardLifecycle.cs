using System.Text.Json;
using Gantry.Server.Catalog;
using Gantry.Server.Drift;
using Gantry.Server.Lifecycle;
using Prometheus;

namespace Gantry.Server.Dashboard;

/// <summary>
/// The <c>routes</c> part of <c>GET /dashboard/data</c>: per public model name, the versions behind it (weight, share,
/// loaded or scaled to zero, shadow), each version's requests and errors, feedback score, largest drift PSI (and each
/// ready feature's) and cold starts, and the route's canary if it has had one (state, step, objectives, the candidate's
/// window). Read from the lifecycle's own state and metrics; a metric series is only read, never created, here.
/// </summary>
internal sealed class DashboardLifecycle(ModelRegistry registry, TrafficController traffic, LifecycleMetrics metrics, DriftMonitor drift)
{
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartArray("routes");
        foreach (var route in registry.Routes.OrderBy(r => r.Name, StringComparer.Ordinal)) WriteRoute(json, route);
        json.WriteEndArray();
    }

    private void WriteRoute(Utf8JsonWriter json, ModelRoute route)
    {
        json.WriteStartObject();
        json.WriteString("name", route.Name);
        json.WriteString("sticky", route.Sticky.ToString().ToLowerInvariant());
        json.WriteBoolean("resumed", traffic.IsResumed(route) || traffic.RolloutOf(route.Name) is { Resumed: true });
        var drifts = drift.Of(route.Name);
        json.WriteStartArray("versions");
        foreach (var e in route.Entries) WriteVersion(json, route, e.Slot, e.Weight, shadow: false, drifts);
        if (route.Shadow is { } s) WriteVersion(json, route, s, 0, shadow: true, drifts);
        json.WriteEndArray();
        if (traffic.RolloutOf(route.Name) is { } r) WriteCanary(json, r);
        else json.WriteNull("canary");
        json.WriteEndObject();
    }

    private void WriteVersion(Utf8JsonWriter json, ModelRoute route, ModelSlot slot, int weight, bool shadow, IReadOnlyList<(string Version, VersionDrift Drift)> drifts)
    {
        json.WriteStartObject();
        json.WriteString("version", slot.Version);
        json.WriteNumber("weight", weight);
        json.WriteNumber("share", shadow ? 0 : Math.Round((double)weight / route.TotalWeight, 4));
        json.WriteBoolean("shadow", shadow);
        json.WriteBoolean("loaded", slot.IsLoaded);
        string[] labels = [route.Name, slot.Version];
        var requests = metrics.VersionRequests;
        json.WriteNumber("requests", Count(requests, [.. labels, "ok"]) + Count(requests, [.. labels, "error"]));
        json.WriteNumber("errors", Count(requests, [.. labels, "error"]));
        var (feedback, feedbackSum) = Observed(metrics.FeedbackScore, labels);
        json.WriteNumber("feedback_count", feedback);
        if (feedback > 0) json.WriteNumber("feedback_score", Math.Round(feedbackSum / feedback, 4));
        else json.WriteNull("feedback_score");
        var (coldStarts, coldSeconds) = Observed(metrics.ColdStart, labels);
        json.WriteNumber("cold_starts", coldStarts);
        if (coldStarts > 0) json.WriteNumber("cold_start_mean_seconds", Math.Round(coldSeconds / coldStarts, 4));
        else json.WriteNull("cold_start_mean_seconds");
        var scores = drifts.FirstOrDefault(d => d.Version == slot.Version).Drift?.Scores().Where(f => f.Ready).ToList() ?? [];
        if (scores.Count > 0) json.WriteNumber("drift_psi_max", Math.Round(scores.Max(f => f.Psi), 4));
        else json.WriteNull("drift_psi_max"); // not judged yet: the version has not served its reference and window
        json.WriteStartObject("drift_psi");
        foreach (var f in scores) json.WriteNumber(f.Feature, Math.Round(f.Psi, 4));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteCanary(Utf8JsonWriter json, Rollout r)
    {
        var o = r.Objectives;
        var w = traffic.Stats(r.Candidate, o.WindowSeconds);
        json.WriteStartObject("canary");
        json.WriteString("state", r.StateName);
        json.WriteString("stable", r.Stable.Version);
        json.WriteString("candidate", r.Candidate.Version);
        json.WriteNumber("weight", r.Weight);
        json.WriteStartArray("steps");
        foreach (var s in r.Steps) json.WriteNumberValue(s);
        json.WriteEndArray();
        if (r.StepSeconds is { } seconds) json.WriteNumber("step_seconds", seconds);
        else json.WriteNull("step_seconds");
        if (r.Reason is { } reason) json.WriteString("reason", reason);
        else json.WriteNull("reason");
        json.WriteBoolean("resumed", r.Resumed);
        json.WriteStartObject("objectives");
        Optional(json, "max_error_rate", o.MaxErrorRate);
        Optional(json, "max_ttft_p99_ms", o.MaxTtftP99Ms);
        Optional(json, "max_guardrail_block_rate", o.MaxGuardrailBlockRate);
        Optional(json, "min_feedback_score", o.MinFeedbackScore);
        json.WriteNumber("window_seconds", o.WindowSeconds);
        json.WriteNumber("min_requests", o.MinRequests);
        json.WriteEndObject();
        json.WriteStartObject("window");
        json.WriteNumber("requests", w.Requests);
        json.WriteNumber("error_rate", Math.Round(w.ErrorRate, 4));
        json.WriteNumber("ttft_p99_ms", Math.Round(w.TtftP99Ms, 2));
        json.WriteNumber("guardrail_block_rate", Math.Round(w.BlockRate, 4));
        json.WriteNumber("feedback", w.Feedback);
        json.WriteNumber("feedback_score", Math.Round(w.FeedbackMean, 4));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    /// <summary>A counter series' value, 0 when the series does not exist (not created: /metrics stays as it was).</summary>
    private static double Count(Counter counter, string[] labels) => Exists(counter, labels) ? counter.WithLabels(labels).Value : 0;

    /// <summary>A histogram series' count and sum, zeros when the series does not exist.</summary>
    private static (long Count, double Sum) Observed(Histogram histogram, string[] labels)
    {
        if (!Exists(histogram, labels)) return (0, 0);
        var child = histogram.WithLabels(labels);
        return (child.Count, child.Sum);
    }

    private static bool Exists<TChild>(Collector<TChild> collector, string[] labels) where TChild : ChildBase =>
        collector.GetAllLabelValues().Any(values => values.AsSpan().SequenceEqual(labels));
}
