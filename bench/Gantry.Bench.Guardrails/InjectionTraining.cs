using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Learning;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// <c>-- --train-injection [CORPUS] [OUT]</c>: trains the learned injection model on the corpus rows whose split
/// is <c>train</c> (never <c>test</c> or <c>legacy_heldout</c>) and writes the weights the Guardrails build embeds
/// (default src/Gantry.Guardrails/Injection/Model/injection-model.bin). Deterministic: rerunning it on the same
/// corpus writes the same bytes.
/// </summary>
internal static class InjectionTraining
{
    public static LinearModel Train(IEnumerable<CorpusRow> rows, LogisticTrainer? trainer = null)
    {
        var examples = new List<TrainingExample>();
        foreach (var r in rows.Where(r => r.Split == "train"))
        {
            var dense = new float[InjectionFeatures.Count];
            InjectionDetector.Features(r.Text, TextOrigin.Instruction, [], dense, out var featureText);
            examples.Add(new TrainingExample(featureText, dense, r.IsInjection));
        }
        return (trainer ?? new LogisticTrainer()).Train(examples);
    }

    public static int Run(string[] args)
    {
        var corpus = args.Length > 1 ? args[1] : CorpusRow.DefaultPath();
        var output = args.Length > 2 ? args[2]
            : Path.Combine(Path.GetDirectoryName(corpus)!, "..", "..", "..", "src", "Gantry.Guardrails", "Injection", "Model", "injection-model.bin");
        var rows = CorpusRow.Load(corpus);
        var model = Train(rows);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        using (var f = File.Create(output)) model.Write(f);
        Console.WriteLine($"trained on {rows.Count(r => r.Split == "train")} rows; wrote {Path.GetFullPath(output)}");
        Console.WriteLine("dense weights: " + string.Join(' ', model.DenseWeights.ToArray().Select(w => w.ToString("F2"))) + $" bias {model.Bias:F2}");
        return 0;
    }
}
