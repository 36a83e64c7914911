namespace Gantry.Bench.Guardrails;

/// <summary>Attacks caught and missed, benign texts passed and flagged, over a set of labelled texts.</summary>
internal readonly record struct ConfusionCounts(int Tp, int Fp, int Fn, int Tn)
{
    public double Precision => Tp + Fp == 0 ? double.NaN : (double)Tp / (Tp + Fp);
    public double Recall => Tp + Fn == 0 ? double.NaN : (double)Tp / (Tp + Fn);
    public double FalsePositiveRate => Fp + Tn == 0 ? double.NaN : (double)Fp / (Fp + Tn);

    public static ConfusionCounts Of<T>(IEnumerable<T> rows, Func<T, bool> isAttack, Func<T, bool> flagged)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var r in rows)
        {
            bool hit = flagged(r), attack = isAttack(r);
            if (hit && attack) tp++; else if (hit) fp++; else if (attack) fn++; else tn++;
        }
        return new(tp, fp, fn, tn);
    }
}

/// <summary>The evaluations' per-family tables: one JSON-ready line per family, printed as Markdown.</summary>
internal static class ConfusionTable
{
    public static Dictionary<string, object> Line(string name, ConfusionCounts c) => new()
    {
        ["family"] = name, ["n"] = c.Tp + c.Fp + c.Fn + c.Tn, ["tp"] = c.Tp, ["fp"] = c.Fp, ["fn"] = c.Fn, ["tn"] = c.Tn,
        ["precision"] = Round(c.Precision), ["recall"] = Round(c.Recall), ["fpr"] = Round(c.FalsePositiveRate),
    };

    public static void Print(string title, List<Dictionary<string, object>> table)
    {
        Console.WriteLine($"\n{title}\n| family | n | precision | recall | FPR | tp/fp/fn/tn |\n|---|---|---|---|---|---|");
        foreach (var r in table)
            Console.WriteLine($"| {r["family"]} | {r["n"]} | {r["precision"]} | {r["recall"]} | {r["fpr"]} | {r["tp"]}/{r["fp"]}/{r["fn"]}/{r["tn"]} |");
    }

    private static object Round(double x) => double.IsNaN(x) ? "-" : Math.Round(x, 3);
}
