using Gantry.Guardrails.Content;

namespace Gantry.Guardrails.Pipeline;

/// <summary>
/// A tenant's guardrail settings: a mode per check, the injection threshold, deny-lists and content categories,
/// and the streaming hold-back window. Immutable; derive variants with <c>with</c> or <see cref="WithMode"/>.
/// Checks that precompute from a policy (the content matcher) cache per instance, so build a tenant's policy once.
/// </summary>
public sealed record GuardrailPolicy
{
    /// <summary>Mode per check name (<see cref="GuardrailCheckNames"/>); a missing name means <see cref="GuardrailMode.Off"/>.</summary>
    public IReadOnlyDictionary<string, GuardrailMode> Modes { get; init; } = new Dictionary<string, GuardrailMode>
    {
        [GuardrailCheckNames.Injection] = GuardrailMode.Flag,
        [GuardrailCheckNames.Pii] = GuardrailMode.Flag,
        [GuardrailCheckNames.Secrets] = GuardrailMode.Redact,
        [GuardrailCheckNames.Content] = GuardrailMode.Flag,
    };

    /// <summary>Injection score at or above which the injection check fires. 0.5 is the documented operating point
    /// (see tests/Gantry.Guardrails.Tests/Data/README.md for precision and recall).</summary>
    public double InjectionThreshold { get; init; } = 0.5;

    /// <summary>The stricter threshold for content the user hands over rather than writes (tool results, documents:
    /// <see cref="Injection.TextOrigin.Content"/>): an instruction there is suspicious by itself.</summary>
    public double ContentInjectionThreshold { get; init; } = 0.35;

    /// <summary>Terms (words or phrases, matched case-insensitively at word boundaries) flagged as <c>deny_list</c>.</summary>
    public IReadOnlyList<string> DenyTerms { get; init; } = [];

    /// <summary>Content categories: name → terms; a hit flags <c>content:&lt;name&gt;</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ContentCategories { get; init; } = Content.ContentCategories.Defaults;

    /// <summary>Characters a <see cref="Streaming.StreamingOutputGuard"/> holds back; at least the longest secret it
    /// must catch when split across deltas.</summary>
    public int StreamHoldBackChars { get; init; } = 128;

    /// <summary>The defaults above: every built-in check on, secrets redacted, the rest flagged.</summary>
    public static GuardrailPolicy Default { get; } = new();

    public GuardrailMode ModeFor(string checkName) =>
        Modes.TryGetValue(checkName, out var mode) ? mode : GuardrailMode.Off;

    /// <summary>A copy with one check's mode changed.</summary>
    public GuardrailPolicy WithMode(string checkName, GuardrailMode mode) =>
        this with { Modes = new Dictionary<string, GuardrailMode>(Modes) { [checkName] = mode } };

    /// <summary>A copy with every built-in check in <paramref name="mode"/>.</summary>
    public GuardrailPolicy WithAllModes(GuardrailMode mode) =>
        this with { Modes = GuardrailCheckNames.All.ToDictionary(n => n, _ => mode) };

    /// <summary>Parses <c>off|flag|redact|block</c> (case-insensitive); throws <see cref="FormatException"/> otherwise.</summary>
    public static GuardrailMode ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "off" => GuardrailMode.Off,
        "flag" => GuardrailMode.Flag,
        "redact" => GuardrailMode.Redact,
        "block" => GuardrailMode.Block,
        _ => throw new FormatException($"guardrail mode '{value}' is not one of off|flag|redact|block"),
    };
}
