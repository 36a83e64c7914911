namespace Gantry.Guardrails.Pii;

/// <summary>A detected item of personal data or a secret: [<see cref="Start"/>, <see cref="End"/>) in UTF-16 code
/// units of the scanned text. Carries no text, so a verdict can be logged without leaking what it found.</summary>
public readonly record struct PiiSpan(PiiType Type, int Start, int End)
{
    public int Length => End - Start;
}
