using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Pipeline;

/// <summary>
/// The outcome of running a pipeline over one text. Offsets in <see cref="Pii"/> and <see cref="Evidence"/> are
/// UTF-16 indices into the original text, not into <see cref="Redacted"/>. Only <see cref="Redacted"/> holds text;
/// everything else is safe to log.
/// </summary>
public sealed record GuardrailVerdict(
    double InjectionScore,
    IReadOnlyList<InjectionEvidence> Evidence,
    IReadOnlyList<string> Flagged,
    IReadOnlyList<PiiSpan> Pii,
    string Redacted,
    GuardrailMode Action,
    string? BlockedBy)
{
    /// <summary>Whether the text must not go further (request rejected, or stream ended).</summary>
    public bool IsBlocked => Action == GuardrailMode.Block;

    /// <summary>A verdict for a text nothing fired on.</summary>
    public static GuardrailVerdict Clean(string text) => new(0, [], [], [], text, GuardrailMode.Off, null);
}
