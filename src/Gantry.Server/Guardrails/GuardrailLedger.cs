using Gantry.Guardrails.Pipeline;
using Gantry.Guardrails.Streaming;
using Prometheus;

namespace Gantry.Server.Guardrails;

/// <summary>
/// The guardrail verdicts of one request as <c>stage:check:action</c> entries (<c>input:injection:block</c>,
/// <c>output:pii:redact</c>), each kept once, in the order they happened. <see cref="Summary"/> is what the audit log's
/// <c>guardrails</c> column holds; each new entry also counts once into the Prometheus counter. Never holds text.
/// Used by the request's own flow; the streaming and non-streaming paths touch it from one thread at a time.
/// </summary>
internal sealed class GuardrailLedger(Counter? verdicts)
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>A check blocked the request (its input or its output), as the rollout objective counts it.</summary>
    public bool Blocked => _entries.Exists(e => e.EndsWith(":block", StringComparison.Ordinal));

    /// <summary>The audit column: entries joined by commas, or null when no check fired.</summary>
    public string? Summary => _entries.Count == 0 ? null : string.Join(',', _entries);

    /// <summary>Records every check that fired in <paramref name="verdict"/>, with the action its mode took.</summary>
    public void Record(GuardrailStage stage, GuardrailVerdict verdict, GuardrailPolicy policy)
    {
        foreach (var category in verdict.Flagged)
        {
            var check = CheckOf(category);
            Add(stage, check, Action(check, policy.ModeFor(check)));
        }
    }

    /// <summary>Records a block reported by a <see cref="StreamingOutputGuard"/>.</summary>
    public void RecordBlock(GuardrailStage stage, GuardrailError error) => Add(stage, error.Check, GuardrailMode.Block);

    /// <summary>Records that <paramref name="check"/> (the guard model) could not judge: <c>input:guard_model:error</c>.</summary>
    public void RecordFailure(GuardrailStage stage, string check) => Add(stage, check, ErrorAction);

    /// <summary>The action name of a check that failed to judge.</summary>
    public const string ErrorAction = "error";

    /// <summary>The check a flagged category belongs to: content hits flag <c>content:&lt;name&gt;</c> or <c>deny_list</c>;
    /// the guard model flags <c>guard_model</c> and <c>guard:S1</c>….</summary>
    public static string CheckOf(string category) =>
        category is GuardrailCheckNames.Injection or GuardrailCheckNames.Pii or GuardrailCheckNames.Secrets or GuardrailCheckNames.GuardModel ? category
        : category.StartsWith("guard:", StringComparison.Ordinal) ? GuardrailCheckNames.GuardModel
        : GuardrailCheckNames.Content;

    /// <summary>Redact on a check with no spans to replace (injection, the guard model) only flags, as the pipeline treats it.</summary>
    private static GuardrailMode Action(string check, GuardrailMode mode) =>
        mode == GuardrailMode.Redact && check is GuardrailCheckNames.Injection or GuardrailCheckNames.GuardModel ? GuardrailMode.Flag : mode;

    private void Add(GuardrailStage stage, string check, GuardrailMode action) => Add(stage, check, GuardrailModeSpec.Name(action));

    private void Add(GuardrailStage stage, string check, string actionName)
    {
        var stageName = stage == GuardrailStage.Output ? "output" : "input";
        var entry = $"{stageName}:{check}:{actionName}";
        if (_entries.Contains(entry)) return;
        _entries.Add(entry);
        verdicts?.WithLabels(stageName, check, actionName).Inc();
    }
}
