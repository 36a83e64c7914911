using Gantry.Guardrails.Learning;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// <c>-- --cv-injection [CORPUS]</c>: the tuning loop, on training data only. Each training source (a, b, c) is
/// scored by a model trained on the others (legacy rows always train); features and trainer settings are chosen
/// by these numbers, never by the test or fresh splits.
/// </summary>
internal static class InjectionCrossValidation
{
    public static int Run(string[] args)
    {
        var corpus = args.Length > 1 && !args[1].StartsWith("--") ? args[1] : CorpusRow.DefaultPath();
        var trainer = new LogisticTrainer
        {
            L2 = Option(args, "--l2", 1e-4),
            Epochs = (int)Option(args, "--epochs", 40),
            LearningRate = Option(args, "--lr", 0.2),
            DenseOnlyEpochs = (int)Option(args, "--dense-epochs", 10),
        };
        var all = CorpusRow.Load(corpus);
        var train = all.Where(r => r.Split == "train").ToList();
        if (args.Contains("--split-errors"))
        {
            // Errors of the shipped-setting model on a held-out split: reading them makes that split seen.
            var split = args[Array.IndexOf(args, "--split-errors") + 1];
            var model = InjectionTraining.Train(train, trainer);
            foreach (var r in all.Where(r => r.Split == split))
            {
                var p = InjectionEvaluation.ScoreWith(model, r.Text);
                if (p >= 0.5 != r.IsInjection) Console.WriteLine($"  {(r.IsInjection ? "FN" : "FP")} {p:F2} {r.Family}: {r.Text[..Math.Min(140, r.Text.Length)].ReplaceLineEndings(" ")}");
            }
            return 0;
        }
        var pooled = new List<(double Score, bool IsInjection)>();
        foreach (var held in train.Select(r => r.Source).Where(s => s != "legacy").Distinct().Order())
        {
            var fit = "all but " + held;
            var model = InjectionTraining.Train(train.Where(r => r.Source != held), trainer, calibrated: false);
            var scores = train.Where(r => r.Source == held).Select(r => (r, p: InjectionEvaluation.ScoreWith(model, r.Text))).ToList();
            pooled.AddRange(scores.Select(x => (x.p, x.r.IsInjection)));
            var scored = scores.Select(x => (x.r, hit: x.p >= 0.5)).ToList();
            Console.WriteLine($"fit {fit}+legacy, score {held} (raw probability >= 0.5): {Summary(scored)}");
            if (args.Contains("--errors"))
                foreach (var (r, hit) in scored.Where(x => x.hit != x.r.IsInjection))
                    Console.WriteLine($"  {(hit ? "FP" : "FN")} {r.Family}: {r.Text[..Math.Min(110, r.Text.Length)].ReplaceLineEndings(" ")}");
            foreach (var g in scored.GroupBy(x => x.r.Family).OrderBy(g => g.Key))
                Console.WriteLine($"  {g.Key,-22} {Summary([.. g])}");
        }
        // The decision threshold is chosen here, on held-out training sources pooled, never on a held-out split:
        // the highest recall whose pooled precision is at least InjectionModel.PrecisionGoal.
        Console.WriteLine("pooled leave-one-source-out scores by threshold:");
        for (var t = 0.30; t < 0.951; t += 0.05)
        {
            int tp = pooled.Count(x => x.Score >= t && x.IsInjection), fp = pooled.Count(x => x.Score >= t && !x.IsInjection);
            int positives = pooled.Count(x => x.IsInjection);
            Console.WriteLine($"  {t:F2}: precision {(double)tp / Math.Max(1, tp + fp):F4} recall {(double)tp / positives:F4} ({tp}/{fp}/{positives - tp})");
        }
        return 0;
    }

    private static string Summary(List<(CorpusRow r, bool hit)> s)
    {
        int tp = s.Count(x => x.hit && x.r.IsInjection), fp = s.Count(x => x.hit && !x.r.IsInjection);
        int fn = s.Count(x => !x.hit && x.r.IsInjection), tn = s.Count(x => !x.hit && !x.r.IsInjection);
        return $"precision {(tp + fp == 0 ? 1 : (double)tp / (tp + fp)):F3} recall {(tp + fn == 0 ? 1 : (double)tp / (tp + fn)):F3} fpr {(fp + tn == 0 ? 0 : (double)fp / (fp + tn)):F3} ({tp}/{fp}/{fn}/{tn})";
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
