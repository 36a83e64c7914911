using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Learning;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// <c>-- --train-injection [CORPUS] [OUT]</c>: trains the injection model as the Guardrails build does at first use
/// (<see cref="InjectionModel"/>, on the corpus rows whose split is <c>train</c>) and prints its dense weights;
/// writes the weights to OUT when given, for inspection. Deterministic: the same corpus gives the same weights.
/// </summary>
internal static class InjectionTraining
{
    public static LinearModel Train(IEnumerable<CorpusRow> rows, LogisticTrainer? trainer = null, bool calibrated = true) =>
        InjectionModel.Train(rows.Where(r => r.Split == "train").Select(r => (r.Text, r.IsInjection)), trainer, calibrated);

    /// <summary><c>-- --explain-injection TEXT</c>: the dense features that fire for TEXT, each with its weight in
    /// the shipped model, the n-gram part and the score.</summary>
    public static int Explain(string[] args)
    {
        var text = args[1];
        var model = Train(CorpusRow.Load(CorpusRow.DefaultPath()));
        var dense = new float[InjectionFeatures.Count];
        InjectionDetector.Features(text, TextOrigin.Instruction, [], dense, out var featureText);
        for (var i = 0; i < dense.Length; i++)
            if (dense[i] != 0) Console.WriteLine($"  dense[{i}] = {dense[i]:F2} x {model.DenseWeights[i]:F2}");
        var ngrams = InjectionDetector.NgramPart(model, featureText);
        Console.WriteLine($"bias {model.Bias:F2}, n-grams {ngrams:F2}, score {LinearModel.Sigmoid(model.DenseLogit(dense) + ngrams):F3}");
        Console.WriteLine("feature text: " + featureText);
        return 0;
    }

    /// <summary>How often each <see cref="AudienceFeatures"/> feature fires per split and label: a feature meant
    /// for hard negatives that fires on many attacks is ambiguous.</summary>
    private static void AudienceFiring(IReadOnlyList<CorpusRow> rows)
    {
        Console.WriteLine("audience features fired (injection / benign rows), per split:");
        var dense = new float[InjectionFeatures.Count];
        foreach (var split in rows.Select(r => r.Split).Distinct().Order())
        {
            var fired = new int[2, AudienceFeatures.Count];
            foreach (var r in rows.Where(r => r.Split == split))
            {
                InjectionDetector.Features(r.Text, TextOrigin.Instruction, [], dense, out _);
                for (var f = 0; f < AudienceFeatures.Count; f++)
                    if (dense[InjectionFeatures.Audience + f] > 0) fired[r.IsInjection ? 0 : 1, f]++;
            }
            var counts = Enumerable.Range(0, AudienceFeatures.Count).Select(f => $"{fired[0, f]}/{fired[1, f]}");
            Console.WriteLine($"  {split,-15} {string.Join("  ", counts)}");
        }
    }

    public static int Run(string[] args)
    {
        var corpus = args.Length > 1 ? args[1] : CorpusRow.DefaultPath();
        var rows = CorpusRow.Load(corpus);
        var model = Train(rows);
        Console.WriteLine($"trained on {rows.Count(r => r.Split == "train")} rows of {Path.GetFullPath(corpus)}");
        if (args.Length > 2)
        {
            using (var f = File.Create(args[2])) model.Write(f);
            Console.WriteLine($"wrote {Path.GetFullPath(args[2])}");
        }
        Console.WriteLine("dense weights: " + string.Join(' ', model.DenseWeights.ToArray().Select(w => w.ToString("F2"))) + $" bias {model.Bias:F2}");
        AudienceFiring(rows);
        return 0;
    }
}
