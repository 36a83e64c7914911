using System.Diagnostics;
using System.Text;
using Gantry.Engine;
using Gantry.Guardrails.Pipeline;
using Gantry.Guardrails.Streaming;

namespace Gantry.Server.Guardrails;

/// <summary>What one engine event of a choice may show the client: <see cref="Text"/> is safe to send; when
/// <see cref="Blocked"/> this event ended the choice (finish with <c>content_filter</c>, send nothing more of it).
/// <see cref="Withdrawn"/>: the verdict was on the whole answer (the guard model), so a response not yet sent drops
/// what was released before too.</summary>
internal readonly record struct OutputStep(string Text, bool Blocked, bool Withdrawn = false);

/// <summary>
/// The output stage of one request, for all its choices. Streaming and non-streaming responses feed it the same
/// engine deltas, so both give the same text: under a policy that redacts or blocks an output check, each choice
/// runs a <see cref="StreamingOutputGuard"/> (text held back by its window, so a secret split across tokens is
/// still seen whole); under flag-only it passes deltas straight through and scans the whole completion once at
/// the end; with every output check off it does nothing. Engine deltas never split a UTF-8 character and the
/// streaming guard never cuts inside a surrogate pair, so released text never splits a character either.
/// With a guard model (<see cref="OutputModelGuard"/>) the endpoints call <see cref="NextAsync"/>, which has it judge
/// each choice's whole text at its last event (under block; a stream every N tokens, its text held back until judged)
/// or after the response (<see cref="FinishAsync"/>, under flag).
/// Owned by the request's flow (the one reader of its session); not thread-safe.
/// </summary>
internal sealed class OutputGuard
{
    private enum Mode { Off, Observe, Hold }

    private readonly GuardrailPolicy _policy;
    private readonly GuardrailLedger _ledger;
    private readonly Mode _mode;
    private readonly StreamingOutputGuard?[] _guards;
    private readonly StringBuilder?[] _raw;
    private readonly bool[] _blocked;
    private readonly OutputModelGuard? _model;
    private readonly StringBuilder?[] _held;  // per choice: released by the output checks, not yet judged by the guard model (streamed)
    private readonly int[] _unjudged;         // per choice: tokens generated since the guard model last judged it (streamed)
    private readonly int[] _judgedChars;      // per choice: how much of its raw text the guard model has judged (streamed)

    public OutputGuard(GuardrailPolicy policy, int choices, GuardrailLedger ledger, OutputModelGuard? model = null)
    {
        _policy = policy;
        _ledger = ledger;
        _model = model;
        _mode = ServerGuardrails.HoldsOutput(policy) ? Mode.Hold : ServerGuardrails.Runs(policy, GuardrailStage.Output) ? Mode.Observe : Mode.Off;
        _guards = new StreamingOutputGuard?[choices];
        _raw = new StringBuilder?[choices];
        _blocked = new bool[choices];
        _held = new StringBuilder?[model?.StreamInterval is null ? 0 : choices];
        _unjudged = new int[_held.Length];
        _judgedChars = new int[_held.Length];
        for (var i = 0; i < choices; i++)
        {
            if (_mode != Mode.Off || model is not null) _raw[i] = new StringBuilder();
            if (_mode == Mode.Hold) _guards[i] = new StreamingOutputGuard(policy, GuardrailPipelines.Output);
        }
    }

    /// <summary>Whether text may be held back or rewritten, so per-token log-probabilities cannot be shown.</summary>
    public bool HoldsText => _mode == Mode.Hold || _model is { Blocks: true, StreamInterval: not null };

    /// <summary>The first block, for the stream's closing error event; null while nothing was blocked.</summary>
    public GuardrailError? Error { get; private set; }

    /// <summary>Whether a guardrail ended this choice: its later events carry nothing to show (only the final usage).</summary>
    public bool IsBlocked(int choice) => _blocked[choice];

    /// <summary>Passes one engine event of a choice that is not blocked through the output checks.</summary>
    public OutputStep Next(int choice, TokenEvent e)
    {
        Debug.Assert(!_blocked[choice], "events of a blocked choice are skipped by the caller");
        var raw = _raw[choice]?.Append(e.TextDelta);
        var final = e.FinishReason is not null;
        if (final && _model is { Blocks: false } deferred && Judged(e)) deferred.Defer(choice, raw!.ToString());
        if (_mode == Mode.Off) return new OutputStep(e.TextDelta, false);
        Debug.Assert(raw is not null);
        if (_mode == Mode.Observe)
        {
            if (final) RecordFinal(raw);
            return new OutputStep(e.TextDelta, false);
        }

        var guard = _guards[choice]!;
        var step = guard.Push(e.TextDelta);
        var text = step.Text;
        if (!step.Blocked && final)
        {
            step = guard.Complete();
            text += step.Text;
        }
        if (step.Blocked)
        {
            _blocked[choice] = true;
            Error ??= step.Error;
            _ledger.RecordBlock(GuardrailStage.Output, step.Error!);
            return new OutputStep(text, true);
        }
        // The guard reports only blocks; the whole completion's verdict (what was redacted or flagged) costs one more scan.
        if (final) RecordFinal(raw);
        return new OutputStep(text, false);
    }

    /// <summary>
    /// <see cref="Next"/>, but under a blocking guard model a choice's last event waits for the guard's verdict on the
    /// whole text first; if unsafe, the choice ends there (nothing of this event is released). A streamed choice is
    /// judged in chunks instead (<see cref="NextChunkedAsync"/>).
    /// </summary>
    public async ValueTask<OutputStep> NextAsync(int choice, TokenEvent e, CancellationToken ct)
    {
        if (_model is not { Blocks: true } model) return Next(choice, e);
        if (model.StreamInterval is { } interval) return await NextChunkedAsync(model, interval, choice, e, ct).ConfigureAwait(false);
        if (e.FinishReason is null || !Judged(e)) return Next(choice, e);
        var raw = _raw[choice]!;
        if (await model.JudgeAsync(choice, raw.ToString() + e.TextDelta, ct).ConfigureAwait(false) is not { } error) return Next(choice, e);
        raw.Append(e.TextDelta);
        if (_mode != Mode.Off) RecordFinal(raw);
        _blocked[choice] = true;
        Error ??= error;
        return new OutputStep("", true, Withdrawn: true);
    }

    /// <summary>
    /// A streamed choice under a blocking guard model: what the output checks release is held back until the guard
    /// has judged the whole text so far, which it does every <paramref name="interval"/> generated tokens and at the
    /// choice's end. Safe: the held text goes out. Unsafe: the choice ends with nothing more released, so the client
    /// never sees text the guard has not passed (what went out before stays sent). Text still held when the engine
    /// fails or a pipeline check blocks is dropped: the guard never judged it.
    /// </summary>
    private async ValueTask<OutputStep> NextChunkedAsync(OutputModelGuard model, int interval, int choice, TokenEvent e, CancellationToken ct)
    {
        var step = Next(choice, e);
        var held = _held[choice] ??= new StringBuilder();
        if (step.Blocked)
        {
            held.Clear();
            return step;
        }
        held.Append(step.Text);
        if (e.TokenId >= 0) _unjudged[choice]++;
        var final = e.FinishReason is not null;
        if (final && !Judged(e))
        {
            held.Clear();
            return new OutputStep("", false);
        }
        if (!final && _unjudged[choice] < interval) return new OutputStep("", false);
        _unjudged[choice] = 0;
        var raw = _raw[choice]!;
        // A last event that adds no text (the usual case: it carries only the finish) needs no second verdict on the same text.
        var judged = raw.Length == _judgedChars[choice] ? null : await model.JudgeAsync(choice, raw.ToString(), ct).ConfigureAwait(false);
        _judgedChars[choice] = raw.Length;
        if (judged is { } error)
        {
            held.Clear();
            _blocked[choice] = true;
            Error ??= error;
            return new OutputStep("", true);
        }
        var text = held.ToString();
        held.Clear();
        return new OutputStep(text, false);
    }

    /// <summary>Runs what was left for after the response: the guard model's verdicts under flag.</summary>
    public Task FinishAsync(CancellationToken ct) => _model?.FinishAsync(ct) ?? Task.CompletedTask;

    /// <summary>A choice the engine finished normally (not an error, not cancelled) is judged by the guard model.</summary>
    private static bool Judged(TokenEvent e) => e.FinishReason is not (FinishReason.Error or FinishReason.Cancelled);

    /// <summary>Runs the output pipeline over a finished choice's whole text, in a span of its own.</summary>
    private void RecordFinal(System.Text.StringBuilder raw)
    {
        using var span = Telemetry.GantryTelemetry.StartGuardrails(Telemetry.GantryTelemetry.OutputGuardrailsSpan);
        _ledger.Record(GuardrailStage.Output, GuardrailPipelines.Output.Evaluate(raw.ToString(), _policy), _policy);
    }
}
