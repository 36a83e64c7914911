using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Pipeline;

/// <summary>The <c>secrets</c> check: API keys and tokens (known prefixes, keyed high-entropy values, standalone
/// random tokens) and PEM private keys.</summary>
public sealed class SecretsCheck : IGuardrailCheck
{
    public string Name => GuardrailCheckNames.Secrets;

    public GuardrailStage Stages => GuardrailStage.Both;

    public void Inspect(string text, TextOrigin origin, GuardrailPolicy policy, GuardrailFindings findings)
    {
        var spans = new List<PiiSpan>();
        PiiDetector.FindSecrets(text, spans);
        foreach (var s in spans) findings.AddPii(s, GuardrailCheckNames.Secrets);
    }
}
