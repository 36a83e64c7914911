using Gantry.Guardrails.Learning;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// The shipped injection model: weights trained by <c>bench/Gantry.Bench.Guardrails -- --train-injection</c> on the
/// training split of <c>tests/Gantry.Guardrails.Tests/Data/injection_corpus.jsonl</c> and embedded in this assembly
/// (<c>Injection/Model/injection-model.bin</c>). Loaded once, on first use.
/// </summary>
internal static class InjectionModel
{
    public const string ResourceName = "Gantry.Guardrails.Injection.injection-model.bin";

    private static readonly Lazy<LinearModel?> Loaded = new(Load);

    /// <summary>The embedded model; null only in a build made before the first training run (heuristics alone).</summary>
    public static LinearModel? Shared => Loaded.Value;

    private static LinearModel? Load()
    {
        using var stream = typeof(InjectionModel).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return null;
        var model = LinearModel.Read(stream);
        if (model.DenseCount != InjectionFeatures.Count)
            throw new InvalidDataException($"the embedded injection model has {model.DenseCount} dense weights; the detector computes {InjectionFeatures.Count} (retrain it)");
        return model;
    }
}
