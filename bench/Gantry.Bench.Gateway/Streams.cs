using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Gantry.Bench.Gateway;

/// <summary>One streamed completion timed from the client: time to first token, token events, time of the last one.</summary>
internal readonly record struct StreamTiming(double TtftSeconds, int Tokens, double LastTokenSeconds, string? Replica);

internal static class Streams
{
    public static async Task<StreamTiming> CompleteAsync(HttpClient http, string prompt, int maxTokens, CancellationToken ct = default)
    {
        var body = JsonSerializer.Serialize(new { model = LiveFleet.Model, prompt, max_tokens = maxTokens, temperature = 0, stream = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        var replica = response.Headers.TryGetValues("x-gantry-replica", out var v) ? v.FirstOrDefault() : null;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        double first = -1, last = 0;
        var tokens = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]") continue;
            using var doc = JsonDocument.Parse(line.AsMemory(6));
            if (!doc.RootElement.TryGetProperty("choices", out var choices) || choices.GetArrayLength() == 0) continue;
            if (choices[0].GetProperty("text").GetString() is not { Length: > 0 }) continue;
            var t = clock.Elapsed.TotalSeconds;
            if (first < 0) first = t;
            last = t;
            tokens++;
        }
        return new StreamTiming(first, tokens, last, replica);
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(sorted.Length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
