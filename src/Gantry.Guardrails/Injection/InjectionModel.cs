using System.Text.Json;
using Gantry.Guardrails.Learning;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// The shipped injection model: trained on first use from the training split of the labelled corpus embedded in
/// this assembly (<c>Injection/Training/injection_corpus.jsonl</c>), so the repository holds the data and the code
/// that learns from it, never a trained weights file. Training is deterministic (the same corpus gives the same
/// weights) and takes well under a second; it happens once per process.
/// </summary>
internal static class InjectionModel
{
    public const string CorpusResourceName = "Gantry.Guardrails.Injection.injection_corpus.jsonl";

    private static readonly Lazy<LinearModel> Trained = new(() => Train(TrainingRows()));

    /// <summary>The model trained on the embedded corpus's training split.</summary>
    public static LinearModel Shared => Trained.Value;

    /// <summary>Trains a model on labelled texts (features as <see cref="InjectionDetector"/> computes them for instructions).</summary>
    public static LinearModel Train(IEnumerable<(string Text, bool IsInjection)> rows, LogisticTrainer? trainer = null)
    {
        var examples = new List<TrainingExample>();
        foreach (var (text, isInjection) in rows)
        {
            var dense = new float[InjectionFeatures.Count];
            InjectionDetector.Features(text, TextOrigin.Instruction, [], dense, out var featureText);
            examples.Add(new TrainingExample(featureText, dense, isInjection));
        }
        return (trainer ?? new LogisticTrainer()).Train(examples);
    }

    /// <summary>The embedded corpus's rows whose split is <c>train</c> (never <c>test</c> or <c>legacy_heldout</c>).</summary>
    private static IEnumerable<(string Text, bool IsInjection)> TrainingRows()
    {
        using var stream = typeof(InjectionModel).Assembly.GetManifestResourceStream(CorpusResourceName)
            ?? throw new InvalidOperationException($"the injection corpus resource '{CorpusResourceName}' is missing from the build");
        using var reader = new StreamReader(stream);
        var rows = new List<(string, bool)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            using var row = JsonDocument.Parse(line);
            var root = row.RootElement;
            if (root.GetProperty("split").GetString() != "train") continue;
            rows.Add((root.GetProperty("text").GetString()!, root.GetProperty("label").GetString() == "injection"));
        }
        return rows;
    }
}
