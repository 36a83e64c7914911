namespace Gantry.Guardrails.ModelGuard;

/// <summary>What a guard model's answer says.</summary>
public enum GuardModelOutcome
{
    Safe,
    Unsafe,
    /// <summary>The answer was neither: a model that is not a guard model, random weights, a cut-off answer.
    /// Treated as not flagged, and reported so an operator can see the guard is not working.</summary>
    Unparseable,
}

/// <summary>A guard model's verdict: the outcome and, when unsafe, the known category codes it named
/// (<c>S1</c>…<c>S14</c>, in its order, without duplicates).</summary>
public sealed record GuardModelVerdict(GuardModelOutcome Outcome, IReadOnlyList<string> Categories)
{
    public bool IsUnsafe => Outcome == GuardModelOutcome.Unsafe;

    /// <summary>
    /// Parses Llama Guard's answer: first non-empty line <c>safe</c> or <c>unsafe</c> (case and surrounding
    /// whitespace, punctuation and end-of-turn tokens ignored); when unsafe, the next line's comma- or
    /// space-separated codes. Codes outside S1–S14 are dropped; "unsafe" with no valid code stays unsafe with no
    /// category. Anything else is <see cref="GuardModelOutcome.Unparseable"/>. Never throws on model output.
    /// </summary>
    public static GuardModelVerdict Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return new(GuardModelOutcome.Unparseable, []);
        var text = answer.Replace("<|eot_id|>", "\n").Replace("<|end_of_text|>", "\n");
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return new(GuardModelOutcome.Unparseable, []);
        var first = lines[0].Trim(' ', '.', ':', '*', '"', '\'', '`').ToLowerInvariant();
        if (first == "safe") return new(GuardModelOutcome.Safe, []);
        if (first != "unsafe" && !first.StartsWith("unsafe ", StringComparison.Ordinal) && !first.StartsWith("unsafe,", StringComparison.Ordinal))
            return new(GuardModelOutcome.Unparseable, []);
        var rest = first.Length > 6 ? first[6..] : lines.Length > 1 ? lines[1] : "";
        var codes = new List<string>();
        foreach (var token in rest.Split([',', ' ', ';', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var code = token.Trim('.', '"', '\'', '`', '*').ToUpperInvariant();
            if (LlamaGuardCategories.IsKnown(code) && !codes.Contains(code)) codes.Add(code);
        }
        return new(GuardModelOutcome.Unsafe, codes);
    }
}
