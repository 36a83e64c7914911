using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pipeline;
using Xunit.Abstractions;

namespace Gantry.Guardrails.Tests.Injection;

/// <summary>
/// The documented floors (Data/README.md): at the default threshold, prompt-injection detection keeps precision
/// ≥ 0.9 and recall ≥ 0.8 on the whole labelled set and on its held-out third. Only dev-split errors are printed;
/// the held-out split is for reporting, not for tuning.
/// </summary>
public sealed class LabelledSetTests(ITestOutputHelper output)
{
    private static readonly double Threshold = GuardrailPolicy.Default.InjectionThreshold;

    private static bool Predict(string text) => InjectionDetector.Score(text) >= Threshold;

    [Fact]
    public void LabelledSet_IsBalancedAndLargeEnough()
    {
        var all = LabelledSet.Examples;
        Assert.True(all.Count >= 300, $"only {all.Count} examples");
        var benign = all.Count(e => !e.IsInjection);
        Assert.InRange(benign / (double)all.Count, 0.45, 0.55);
        Assert.True(LabelledSet.Split("heldout").Count() >= 90);
    }

    [Fact]
    public void Detector_AllExamples_MeetsDocumentedFloors()
    {
        var m = LabelledSet.Measure(LabelledSet.Examples, Predict);
        output.WriteLine("all: " + m);
        Assert.True(m.Precision >= 0.9, "precision " + m);
        Assert.True(m.Recall >= 0.8, "recall " + m);
    }

    [Fact]
    public void Detector_HeldOut_MeetsDocumentedFloors()
    {
        var m = LabelledSet.Measure(LabelledSet.Split("heldout"), Predict);
        output.WriteLine("heldout: " + m);
        Assert.True(m.Precision >= 0.9, "precision " + m);
        Assert.True(m.Recall >= 0.8, "recall " + m);
    }

    [Fact]
    public void Detector_Dev_ReportsErrorsByCategory()
    {
        var dev = LabelledSet.Split("dev").ToList();
        output.WriteLine("dev: " + LabelledSet.Measure(dev, Predict));
        foreach (var e in dev.Where(e => Predict(e.Text) != e.IsInjection))
            output.WriteLine($"{(e.IsInjection ? "FN" : "FP")} {e.Category} score={InjectionDetector.Score(e.Text):F2} :: {e.Text[..Math.Min(90, e.Text.Length)]}");
        foreach (var g in dev.GroupBy(e => e.Category))
            output.WriteLine($"{g.Key}: {g.Count(e => Predict(e.Text) == e.IsInjection)}/{g.Count()} correct");
    }
}
