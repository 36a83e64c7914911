using Gantry.Guardrails.Pipeline;

namespace Gantry.Guardrails.ModelGuard;

/// <summary>
/// Runs Llama Guard 3 over a text and merges its verdict into the pipeline's: an unsafe answer flags
/// <c>guard_model</c> and one <c>guard:Sn</c> per category, and acts under the tenant's mode for
/// <see cref="CheckName"/> like any check (flag; redact acts as flag, there are no spans; block). Thread-safe.
/// </summary>
public sealed class LlamaGuard(IGuardModel model)
{
    /// <summary>The check name a policy gives a mode to, and the category an unsafe verdict flags.</summary>
    public const string CheckName = GuardrailCheckNames.GuardModel;

    /// <summary>Enough for "unsafe\nS1,S10,S14" and an end-of-turn token.</summary>
    public const int MaxAnswerTokens = 16;

    public async Task<GuardModelVerdict> ClassifyAsync(string text, GuardRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return await ClassifyAsync([(role, text)], role, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Judges the last <paramref name="judged"/> turn of <paramref name="conversation"/> in its context
    /// (input moderation: the last user turn; output moderation: the model's answer after the user's prompt). A
    /// conversation longer than the guard's context is fitted to it first (<see cref="GuardPromptBudget"/>).</summary>
    public async Task<GuardModelVerdict> ClassifyAsync(IReadOnlyList<(GuardRole Role, string Text)> conversation, GuardRole judged, CancellationToken cancellationToken = default)
    {
        var fitted = GuardPromptBudget.Fit(conversation, judged, model.CountTokens, model.ContextTokens, MaxAnswerTokens);
        var prompt = LlamaGuardPrompt.Build(fitted, judged);
        return GuardModelVerdict.Parse(await model.CompleteAsync(prompt, MaxAnswerTokens, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><paramref name="verdict"/> with <paramref name="guard"/>'s findings added under <paramref name="mode"/>.</summary>
    public static GuardrailVerdict Merge(GuardrailVerdict verdict, GuardModelVerdict guard, GuardrailMode mode)
    {
        if (mode == GuardrailMode.Off || !guard.IsUnsafe) return verdict;
        var flagged = new List<string>(verdict.Flagged) { CheckName };
        flagged.AddRange(guard.Categories.Select(c => "guard:" + c));
        var action = (GuardrailMode)Math.Max((int)verdict.Action, (int)(mode == GuardrailMode.Redact ? GuardrailMode.Flag : mode));
        var blockedBy = verdict.BlockedBy ?? (mode == GuardrailMode.Block ? CheckName : null);
        return verdict with { Flagged = flagged, Action = action, BlockedBy = blockedBy };
    }
}
