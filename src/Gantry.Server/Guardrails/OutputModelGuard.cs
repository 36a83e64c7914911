using Gantry.Guardrails.ModelGuard;
using Gantry.Guardrails.Pipeline;
using Gantry.Guardrails.Streaming;

namespace Gantry.Server.Guardrails;

/// <summary>
/// The guard model's output moderation for one request: a choice's text is judged as the <c>Agent</c> turn after the
/// prompt it answers (<see cref="InputGuard.ContextFor"/>).
/// </summary>
/// <remarks>
/// When: under <c>guard_model=block</c> a non-streamed choice is judged once at its last engine event, before that
/// event is released, so an unsafe answer is replaced by <c>content_filter</c>. A streamed choice is judged every
/// <see cref="StreamInterval"/> generated tokens and at its end, its text held back until judged
/// (<see cref="OutputGuard"/>), so an unsafe chunk ends the stream with <c>content_filter</c> and the error event
/// before any of it is sent, and the engine stops generating. Each chunk costs one guard call over the whole text so
/// far; the guard engine's prefix cache keeps the part it judged before. Under flag (redact acts as flag) the
/// answers are judged after the response is written (<see cref="FinishAsync"/>), so the client waits for nothing and
/// the verdict still reaches the audit record and metrics. Owned by the request's flow; not thread-safe.
/// </remarks>
internal sealed class OutputModelGuard(ServerGuardModel model, GuardrailPolicy policy, InputGuard input, int choicesPerPrompt, GuardrailLedger ledger, bool stream)
{
    private List<(int Choice, string Text)>? _deferred;

    /// <summary>The output guard for a request, or null when the guard model does not run under <paramref name="policy"/>.</summary>
    /// <param name="stream">Whether the response is streamed (under block: judged in chunks).</param>
    public static OutputModelGuard? For(ServerGuardModel model, GuardrailPolicy policy, InputGuard? input, int choicesPerPrompt, GuardrailLedger ledger, bool stream) =>
        input is not null && model.RunsUnder(policy) ? new OutputModelGuard(model, policy, input, choicesPerPrompt, ledger, stream) : null;

    /// <summary>Whether an unsafe answer is blocked (judged before its text is released).</summary>
    public bool Blocks => policy.ModeFor(GuardrailCheckNames.GuardModel) == GuardrailMode.Block;

    /// <summary>Under block, for a streamed response: judge every this many generated tokens; null: once, at the end.</summary>
    public int? StreamInterval { get; } = stream && policy.ModeFor(GuardrailCheckNames.GuardModel) == GuardrailMode.Block ? model.StreamIntervalTokens : null;

    /// <summary>Judges a finished choice now (under block): the error that ends it, or null when it may stand.</summary>
    public async Task<GuardrailError?> JudgeAsync(int choice, string text, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) ? null : Apply(await AskAsync(choice, text, ct).ConfigureAwait(false));

    private Task<GuardModelVerdict?> AskAsync(int choice, string text, CancellationToken ct) =>
        model.JudgeAsync(GuardConversation.WithAnswer(input.ContextFor(choice / choicesPerPrompt), text), GuardRole.Agent, GuardrailStage.Output, ct);

    /// <summary>Records a verdict (null: the guard failed) and returns the error that blocks the choice, if any.</summary>
    private GuardrailError? Apply(GuardModelVerdict? judged)
    {
        if (judged is null)
        {
            ledger.RecordFailure(GuardrailStage.Output, GuardrailCheckNames.GuardModel);
            return model.FailClosed && Blocks ? new GuardrailError(GuardrailError.BlockedCode, GuardrailCheckNames.GuardModel, [GuardrailErrors.GuardModelUnavailableCode]) : null;
        }
        var verdict = LlamaGuard.Merge(GuardrailVerdict.Clean(""), judged, policy.ModeFor(GuardrailCheckNames.GuardModel));
        ledger.Record(GuardrailStage.Output, verdict, policy);
        return verdict.IsBlocked ? new GuardrailError(GuardrailError.BlockedCode, GuardrailCheckNames.GuardModel, verdict.Flagged) : null;
    }

    /// <summary>Keeps a finished choice's text to judge after the response (under flag).</summary>
    public void Defer(int choice, string text)
    {
        if (!string.IsNullOrWhiteSpace(text)) (_deferred ??= []).Add((choice, text));
    }

    /// <summary>Judges the deferred choices, all at once on the guard's engine, into the ledger.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (_deferred is null) return;
        var pending = _deferred;
        _deferred = null;
        GuardModelVerdict?[] verdicts;
        try
        {
            verdicts = await Task.WhenAll(pending.Select(p => AskAsync(p.Choice, p.Text, ct))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // the client left after its answer: nothing is left to decide for it
        }
        foreach (var judged in verdicts) Apply(judged); // one at a time: the ledger is not thread-safe
    }
}
