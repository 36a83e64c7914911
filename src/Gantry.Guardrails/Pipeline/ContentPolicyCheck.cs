using Gantry.Guardrails.Injection;
using System.Runtime.CompilerServices;
using Gantry.Guardrails.Content;

namespace Gantry.Guardrails.Pipeline;

/// <summary>The <c>content</c> check: the policy's deny-list (flags <c>deny_list</c>) and content categories
/// (flags <c>content:&lt;name&gt;</c>); redaction replaces each matched term with <c>[REDACTED]</c>.</summary>
public sealed class ContentPolicyCheck : IGuardrailCheck
{
    public const string Placeholder = "[REDACTED]";

    /// <summary>One prepared matcher per policy instance, dropped with the policy.</summary>
    private static readonly ConditionalWeakTable<GuardrailPolicy, ContentMatcher> Matchers = new();

    public string Name => GuardrailCheckNames.Content;

    public GuardrailStage Stages => GuardrailStage.Both;

    public void Inspect(string text, TextOrigin origin, GuardrailPolicy policy, GuardrailFindings findings)
    {
        var matcher = Matchers.GetValue(policy, p => new ContentMatcher(p.DenyTerms, p.ContentCategories));
        if (matcher.IsEmpty) return;
        matcher.Scan(text, (category, start, end) =>
        {
            findings.Flag(category);
            findings.AddRedaction(start, end, Placeholder);
        });
    }
}
