using Gantry.Guardrails.Pii;

namespace Gantry.Security.Audit;

/// <summary>
/// The audit log's default redactor: the guardrails library's PII and secret detection (validated e-mail, phone, card,
/// IBAN, SSN, IP, API keys, private keys), each span replaced by its placeholder, then <see cref="PatternPromptRedactor"/>
/// for what is ours to know (<c>gk-</c> keys) and for over-eager digit runs.
/// </summary>
public sealed class GuardrailsPromptRedactor : IPromptRedactor
{
    private readonly PatternPromptRedactor _patterns = new();

    public string Name => "guardrails";

    public string Redact(string text)
    {
        var spans = new List<PiiSpan>();
        PiiDetector.FindPersonal(text, spans);
        PiiDetector.FindSecrets(text, spans);
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var sb = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var s in spans)
        {
            if (s.Start < at) continue; // inside an earlier, wider span
            sb.Append(text, at, s.Start - at).Append(PiiTypes.Placeholder(s.Type));
            at = s.End;
        }
        sb.Append(text, at, text.Length - at);
        return _patterns.Redact(sb.ToString());
    }
}
