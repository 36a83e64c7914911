using Gantry.Guardrails.Injection;

namespace Gantry.Guardrails.Pipeline;

/// <summary>The <c>injection</c> check (input only): fires when <see cref="InjectionDetector"/>'s score reaches
/// <see cref="GuardrailPolicy.InjectionThreshold"/>. The score and evidence are reported either way. There is
/// nothing to redact, so Redact mode acts as Flag.</summary>
public sealed class InjectionCheck : IGuardrailCheck
{
    public string Name => GuardrailCheckNames.Injection;

    public GuardrailStage Stages => GuardrailStage.Input;

    public void Inspect(string text, GuardrailPolicy policy, GuardrailFindings findings)
    {
        var evidence = new List<InjectionEvidence>();
        var score = InjectionDetector.Analyze(text, evidence);
        findings.InjectionScore = score;
        foreach (var e in evidence) findings.AddEvidence(e);
        if (score >= policy.InjectionThreshold) findings.Flag(GuardrailCheckNames.Injection);
    }
}
