using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Pipeline;

/// <summary>The <c>pii</c> check: e-mail, phone, payment card (Luhn), IBAN (mod 97), US SSN, IP address.</summary>
public sealed class PiiCheck : IGuardrailCheck
{
    public string Name => GuardrailCheckNames.Pii;

    public GuardrailStage Stages => GuardrailStage.Both;

    public void Inspect(string text, TextOrigin origin, GuardrailPolicy policy, GuardrailFindings findings)
    {
        var spans = new List<PiiSpan>();
        PiiDetector.FindPersonal(text, spans);
        foreach (var s in spans) findings.AddPii(s, GuardrailCheckNames.Pii);
    }
}
