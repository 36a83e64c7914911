using System.Text;
using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Pipeline;

/// <summary>
/// Runs an ordered list of checks over one text and turns their findings into a <see cref="GuardrailVerdict"/>
/// under a tenant's <see cref="GuardrailPolicy"/>. Stateless and thread-safe; build one per stage with
/// <see cref="GuardrailPipelines"/> and share it.
/// </summary>
/// <remarks>
/// Modes apply per check: Flag reports categories, Redact also replaces the check's spans, Block also sets the
/// action to Block (the first blocking check is named in <see cref="GuardrailVerdict.BlockedBy"/>). The action is
/// the most severe mode among checks that fired. Overlapping redactions keep the earlier, then longer, span.
/// </remarks>
public sealed class GuardrailPipeline
{
    private readonly IGuardrailCheck[] _checks;

    public GuardrailPipeline(GuardrailStage stage, IEnumerable<IGuardrailCheck> checks)
    {
        Stage = stage;
        _checks = [.. checks.Where(c => (c.Stages & stage) != 0)];
    }

    /// <summary>The stage this pipeline serves; checks that do not apply to it were dropped at construction.</summary>
    public GuardrailStage Stage { get; }

    public IReadOnlyList<IGuardrailCheck> Checks => _checks;

    /// <summary>Runs the checks over <paramref name="text"/>; <paramref name="origin"/> says whether it is an
    /// instruction (a user or system turn) or content (a tool result, a document), which is judged more strictly.</summary>
    public GuardrailVerdict Evaluate(string text, GuardrailPolicy policy, TextOrigin origin = TextOrigin.Instruction) =>
        Evaluate(text, origin, policy, null);

    /// <summary>As <see cref="Evaluate(string, GuardrailPolicy, TextOrigin)"/>, also appending the redactions applied (start,
    /// end, placeholder) to <paramref name="redactionsOut"/>: the streaming guard needs them to cut safely.</summary>
    internal GuardrailVerdict Evaluate(string text, TextOrigin origin, GuardrailPolicy policy, List<(int Start, int End, string Placeholder)>? redactionsOut)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(policy);
        if (text.Length == 0) return GuardrailVerdict.Clean(text);

        double score = 0;
        List<InjectionEvidence>? evidence = null;
        List<string>? flagged = null;
        List<PiiSpan>? pii = null;
        List<(int Start, int End, string Placeholder)>? redactions = null;
        var action = GuardrailMode.Off;
        string? blockedBy = null;
        var findings = new GuardrailFindings();

        foreach (var check in _checks)
        {
            var mode = policy.ModeFor(check.Name);
            if (mode == GuardrailMode.Off) continue;
            findings.Clear();
            check.Inspect(text, origin, policy, findings);
            if (findings.InjectionScore is { } s) score = Math.Max(score, s);
            if (findings.Evidence.Count > 0) (evidence ??= []).AddRange(findings.Evidence);
            if (!findings.Triggered) continue;

            flagged ??= [];
            foreach (var c in findings.Categories) if (!flagged.Contains(c)) flagged.Add(c);
            if (findings.Pii.Count > 0) (pii ??= []).AddRange(findings.Pii);
            if (mode >= GuardrailMode.Redact && findings.Redactions.Count > 0) (redactions ??= []).AddRange(findings.Redactions);
            if (mode == GuardrailMode.Block) blockedBy ??= check.Name;
            if (mode > action) action = mode;
        }

        if (redactionsOut is not null && redactions is not null) redactionsOut.AddRange(redactions);
        pii?.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        return new GuardrailVerdict(
            score,
            (IReadOnlyList<InjectionEvidence>?)evidence ?? [],
            (IReadOnlyList<string>?)flagged ?? [],
            (IReadOnlyList<PiiSpan>?)pii ?? [],
            redactions is null ? text : ApplyRedactions(text, redactions),
            action,
            blockedBy);
    }

    /// <summary>Replaces each span by its placeholder; of overlapping spans the earlier (then longer) one wins.</summary>
    internal static string ApplyRedactions(string text, List<(int Start, int End, string Placeholder)> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : (b.End - b.Start).CompareTo(a.End - a.Start));
        var sb = new StringBuilder(text.Length);
        var pos = 0;
        foreach (var (start, end, placeholder) in spans)
        {
            if (start < pos) continue; // overlaps a span already replaced
            sb.Append(text, pos, start - pos).Append(placeholder);
            pos = end;
        }
        return sb.Append(text, pos, text.Length - pos).ToString();
    }
}
