namespace Gantry.Server.Drift;

/// <summary>
/// One monitored feature of a request and its fixed bins: lengths on a log2 scale, finish reasons by name, mean
/// log-probability on fixed edges, blocked or not. Fixed bins need no fitting, so a reference and a window are always
/// comparable bin by bin. <see cref="Bin"/> is -1 when a request has no value for the feature.
/// </summary>
public sealed class DriftFeature
{
    private const int LengthBins = 16; // 0, 1, 2-3, 4-7, … , 2^14 and more

    private static readonly string[] FinishReasons = ["stop", "length", "content_filter", "tool_calls", "error"];

    // Upper edges of the mean log-probability bins (natural log); the last bin takes the rest up to 0.
    private static readonly double[] LogProbEdges = [-8, -4, -2, -1, -0.5, -0.25, -0.1];

    private readonly Func<DriftSample, int> _bin;

    private DriftFeature(string name, int bins, Func<DriftSample, int> bin)
    {
        Name = name;
        Bins = bins;
        _bin = bin;
    }

    /// <summary>The label value in <c>gantry_model_drift_psi{feature}</c>.</summary>
    public string Name { get; }

    public int Bins { get; }

    public int Bin(DriftSample s) => _bin(s);

    public static IReadOnlyList<DriftFeature> All { get; } =
    [
        new("prompt_tokens", LengthBins, s => LengthBin(s.PromptTokens)),
        new("output_tokens", LengthBins, s => LengthBin(s.OutputTokens)),
        new("finish_reason", FinishReasons.Length + 1, s => s.FinishReason is null ? -1 : FinishBin(s.FinishReason)),
        new("mean_logprob", LogProbEdges.Length + 1, s => double.IsNaN(s.MeanLogProb) ? -1 : LogProbBin(s.MeanLogProb)),
        new("blocked", 2, s => s.Blocked ? 1 : 0),
    ];

    private static int LengthBin(int n) => n < 0 ? -1 : n == 0 ? 0 : Math.Min(LengthBins - 1, 1 + (int)Math.Log2(n));

    private static int FinishBin(string reason)
    {
        var i = Array.IndexOf(FinishReasons, reason);
        return i < 0 ? FinishReasons.Length : i;
    }

    private static int LogProbBin(double mean)
    {
        for (var i = 0; i < LogProbEdges.Length; i++) if (mean < LogProbEdges[i]) return i;
        return LogProbEdges.Length;
    }
}
