namespace Gantry.Bench.LlamaCpp;

/// <summary>Median tokens/s per metric (<c>prefill</c>, <c>decode_1</c>, <c>decode_8</c>, …) for each engine on one file
/// (null for an engine not run, see <c>--engine</c>), with every sample.</summary>
internal sealed record ModelResult(
    string Model,
    long FileBytes,
    IReadOnlyDictionary<string, double>? Gantry,
    IReadOnlyDictionary<string, double>? LlamaCpp,
    IReadOnlyDictionary<string, double[]> Samples);
