using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Pii;

/// <summary>Source-generated patterns for credentials. The longest thing they match in one piece (a private-key
/// header, a prefixed token) bounds the streaming hold-back window; private-key bodies are held to their END line.</summary>
internal static partial class SecretPatterns
{
    /// <summary>Tokens with well-known prefixes: OpenAI/Anthropic (sk-), AWS (AKIA/ASIA), GitHub (ghp_ … github_pat_),
    /// Slack (xox?-), Google (AIza), Stripe (sk_live_ …), GitLab (glpat-), Hugging Face (hf_), npm, and JWTs. The
    /// look-behind keeps "sk-" inside words ("task-force", "risk-free") from matching.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?:sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-|live-)?[A-Za-z0-9_-]{20,}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|(?:sk|pk|rk)_(?:live|test)_[0-9A-Za-z]{16,}|glpat-[0-9A-Za-z_-]{20,}|hf_[A-Za-z0-9]{30,}|npm_[A-Za-z0-9]{36}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    public static partial Regex PrefixedToken();

    /// <summary>A value assigned to a credential-like key: <c>api_key = "…"</c>, <c>Authorization: Bearer …</c>.
    /// The value is kept only if it looks random (see <see cref="PiiDetector"/>).</summary>
    [GeneratedRegex(@"\b(?:api[_-]?key|apikey|secret(?:[_-]?key)?|access[_-]?(?:key|token)|auth[_-]?token|token|client[_-]?secret|bearer)\b[""']?\s*(?:[:=]|=>|:=)?\s*[""']?(?<v>[A-Za-z0-9/+_\-.~]{16,200}=*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex KeyedValue();

    /// <summary>Any PEM block (certificates, public keys): its base64 body is not a token.</summary>
    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)", RegexOptions.CultureInvariant)]
    public static partial Regex PemBlock();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    public static partial Regex PrivateKeyBegin();

    [GeneratedRegex(@"-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    public static partial Regex PrivateKeyEnd();
}
