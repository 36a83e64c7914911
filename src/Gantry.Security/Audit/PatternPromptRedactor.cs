using System.Text.RegularExpressions;

namespace Gantry.Security.Audit;

/// <summary>
/// The built-in redactor until the guardrails library's PII redaction is wired in: e-mail addresses, long digit runs
/// (card, phone and account numbers), IPv4 addresses and secret-looking tokens (<c>sk-…</c>, <c>gk-…</c>) become
/// placeholders. Deliberately over-eager: a false positive costs a log reader some context, a false negative leaks.
/// </summary>
public sealed partial class PatternPromptRedactor : IPromptRedactor
{
    public string Name => "pattern";

    public string Redact(string text)
    {
        text = Secret().Replace(text, "[SECRET]");
        text = Email().Replace(text, "[EMAIL]");
        text = Ipv4().Replace(text, "[IP]");
        return Digits().Replace(text, "[NUMBER]");
    }

    [GeneratedRegex(@"\b(?:sk|gk|pk|rk)-[A-Za-z0-9_\-]{8,}")]
    private static partial Regex Secret();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{1,3}){3}\b")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"\+?\d[\d \-().]{5,}\d")]
    private static partial Regex Digits();
}
