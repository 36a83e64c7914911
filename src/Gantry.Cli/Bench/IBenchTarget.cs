namespace Gantry.Cli.Bench;

/// <summary>Something a benchmark request can be sent to: the HTTP server, or an engine in this process (the baseline).</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Runs one request and times it; failures are results, not exceptions.</summary>
    Task<RequestTiming> RunAsync(int[] promptTokens, int genTokens, CancellationToken ct);
}

/// <summary>One request's timings in seconds, relative to when it was sent.</summary>
internal sealed record RequestTiming(bool Ok, double TimeToFirstToken, double EndToEnd, int OutputTokens, IReadOnlyList<double> InterTokenLatencies, string? Error = null)
{
    public static RequestTiming Failed(string error) => new(false, 0, 0, 0, [], error);
}
