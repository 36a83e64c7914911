using Gantry.Guardrails.Injection;

namespace Gantry.Guardrails.Pipeline;

/// <summary>The <c>injection</c> check (input only): fires when <see cref="InjectionDetector"/>'s score reaches
/// <see cref="GuardrailPolicy.InjectionThreshold"/>, or the stricter <see cref="GuardrailPolicy.ContentInjectionThreshold"/>
/// for content (<see cref="TextOrigin.Content"/>: tool results, documents). The score and evidence are reported
/// either way; explicitly wrapped content inside an instruction is also judged as content. There is nothing to redact,
/// so Redact mode acts as Flag.</summary>
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
        else if (origin == TextOrigin.Instruction) InspectWrapped(text, policy, findings);
    }

    /// <summary>
    /// Content the user wraps explicitly (<c>&lt;document&gt;…&lt;/document&gt;</c>, a tool result element, an HTML
    /// comment) is judged as content on its own: an instruction inside it meets the stricter threshold even when the
    /// whole message, read as the user's instruction, stays below the ordinary one. Runs only when that did not fire.
    /// </summary>
    private static void InspectWrapped(string text, GuardrailPolicy policy, GuardrailFindings findings)
    {
        var threshold = Math.Min(policy.InjectionThreshold, policy.ContentInjectionThreshold);
        foreach (var (start, end) in ContentSegments.FindWrapped(text))
        {
            var evidence = new List<InjectionEvidence>();
            var score = InjectionDetector.Analyze(text[start..end], evidence, TextOrigin.Content);
            if (score < threshold) continue;
            findings.InjectionScore = Math.Max(findings.InjectionScore ?? 0, score);
            foreach (var e in evidence) findings.AddEvidence(e with { Start = e.Start + start, End = e.End + start });
            findings.Flag(GuardrailCheckNames.Injection);
            return;
        }
    }
}
