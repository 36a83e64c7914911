using Gantry.Guardrails.Injection;

namespace Gantry.Guardrails.Pipeline;

/// <summary>The <c>injection</c> check (input only): fires when <see cref="InjectionDetector"/>'s score reaches
/// <see cref="GuardrailPolicy.InjectionThreshold"/>, or the stricter <see cref="GuardrailPolicy.ContentInjectionThreshold"/>
/// for content (<see cref="TextOrigin.Content"/>: tool results, documents). The score and evidence are reported
/// either way. There is nothing to redact, so Redact mode acts as Flag.</summary>
public sealed class InjectionCheck : IGuardrailCheck
{
    public string Name => GuardrailCheckNames.Injection;

    public GuardrailStage Stages => GuardrailStage.Input;

    public void Inspect(string text, TextOrigin origin, GuardrailPolicy policy, GuardrailFindings findings)
    {
        var evidence = new List<InjectionEvidence>();
        var score = InjectionDetector.Analyze(text, evidence, origin);
        findings.InjectionScore = score;
        foreach (var e in evidence) findings.AddEvidence(e);
        var threshold = origin == TextOrigin.Content ? Math.Min(policy.InjectionThreshold, policy.ContentInjectionThreshold) : policy.InjectionThreshold;
        if (score >= threshold) findings.Flag(GuardrailCheckNames.Injection);
    }
}
