using Gantry.Guardrails.Pipeline;

namespace Gantry.Guardrails.Content;

/// <summary>The <c>content</c> check: the policy's deny-list (flags <c>deny_list</c>) and content categories
/// (flags <c>content:&lt;name&gt;</c>); redaction replaces each matched term with <c>[REDACTED]</c>.</summary>
public sealed class ContentPolicyCheck : IGuardrailCheck
{
    public const string Placeholder = "[REDACTED]";

    public string Name => GuardrailCheckNames.Content;

    public GuardrailStage Stages => GuardrailStage.Both;

    public void Inspect(string text, GuardrailPolicy policy, GuardrailFindings findings)
    {
        var matcher = ContentMatcher.For(policy);
        if (matcher.IsEmpty) return;
        matcher.Scan(text, (category, start, end) =>
        {
            findings.Flag(category);
            findings.AddRedaction(start, end, Placeholder);
        });
    }
}
