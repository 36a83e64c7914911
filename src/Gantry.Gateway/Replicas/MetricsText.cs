using System.Globalization;

namespace Gantry.Gateway.Replicas;

/// <summary>
/// Reads the load gauges out of a replica's Prometheus text: the Gateway API Inference Extension's vLLM names
/// (<c>vllm:num_requests_waiting</c>, <c>vllm:num_requests_running</c>, <c>vllm:kv_cache_usage_perc</c>), which any
/// GIE-compatible model server exposes, so the gateway also routes over replicas that are not Gantry. Samples of one
/// name are summed over their labels (models), except KV use, where the fullest model counts.
/// </summary>
public static class MetricsText
{
    public const string Waiting = "vllm:num_requests_waiting";
    public const string Running = "vllm:num_requests_running";
    public const string KvUsage = "vllm:kv_cache_usage_perc";

    /// <summary>Null when the text has none of the three gauges.</summary>
    public static ReplicaLoad? ParseLoad(ReadOnlySpan<char> text)
    {
        double waiting = 0, running = 0, kv = 0;
        var found = false;
        foreach (var range in text.Split('\n'))
        {
            var line = text[range].TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            if (Sample(line, Waiting) is { } w) { waiting += w; found = true; }
            else if (Sample(line, Running) is { } r) { running += r; found = true; }
            else if (Sample(line, KvUsage) is { } k) { kv = Math.Max(kv, k); found = true; }
        }
        return found ? new ReplicaLoad(waiting, running, kv) : null;
    }

    /// <summary>The value of a sample line of metric <paramref name="name"/> (with or without labels), else null.</summary>
    private static double? Sample(ReadOnlySpan<char> line, string name)
    {
        if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length) return null;
        var rest = line[name.Length..];
        if (rest[0] == '{')
        {
            var close = rest.LastIndexOf('}');
            if (close < 0) return null;
            rest = rest[(close + 1)..];
        }
        else if (rest[0] != ' ') return null;
        rest = rest.Trim();
        var space = rest.IndexOf(' ');
        if (space >= 0) rest = rest[..space]; // a timestamp may follow
        return double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }
}
