using System.Text;
using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Server.Guardrails;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Streaming;

/// <summary>Collects one choice's events for a non-streaming response.</summary>
internal sealed class ChoiceAccumulator
{
    public StringBuilder Text { get; } = new();
    public List<(int Token, float LogProb, TokenLogProb[] Top)> LogProbs { get; } = [];
    public FinishReason? Finish { get; private set; }
    public GenerationUsage? Usage { get; private set; }
    public string? Error { get; private set; }

    /// <summary>With an error: the model could not run at all (answered 503, not 500).</summary>
    public bool ModelUnavailable { get; private set; }

    /// <summary>Whether an output guardrail ended the choice; <see cref="Text"/> then holds what was released before it
    /// (nothing when the guard model judged the whole answer).</summary>
    public bool Filtered { get; private set; }

    /// <summary>The wire finish reason: <c>content_filter</c> for a choice a guardrail ended, else the engine's.</summary>
    public string FinishReasonText => Filtered ? Gantry.Guardrails.Streaming.StreamingGuardResult.ContentFilterFinishReason : Wire.FinishReason(Finish ?? FinishReason.Stop);

    /// <summary>Adds one event; <paramref name="text"/> is what the output guard released for it.</summary>
    public void Add(TokenEvent e, string text)
    {
        if (e.TokenId >= 0 && e.LogProb is { } lp) LogProbs.Add((e.TokenId, lp, e.TopLogProbs ?? []));
        Text.Append(text);
        if (e.FinishReason is { } reason)
        {
            Finish = reason;
            Usage = e.Usage;
            Error = e.Error;
            ModelUnavailable = e.ModelUnavailable;
        }
    }

    /// <summary>
    /// Collects every choice, or — when any choice failed in the engine — writes a 500 error (503 when the model was
    /// unavailable) and returns null,
    /// so both non-streaming endpoints share one failure rule.
    /// </summary>
    public static async Task<ChoiceAccumulator[]?> CollectOrFailAsync(HttpContext ctx, GenerationSession session, int count, OutputGuard guard)
    {
        var choices = await CollectAsync(session, count, guard, ctx.RequestAborted).ConfigureAwait(false);
        if (choices.FirstOrDefault(a => a.Finish == FinishReason.Error) is not { } failed) return choices;
        await ErrorWriter.WriteAsync(ctx, ApiError.FromEngine(failed.Error, failed.ModelUnavailable)).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Reads every event of the session through the output guard into one accumulator per choice. A choice the guard
    /// blocks is cancelled in the engine at once; its later events add nothing but its final usage (what it really used).
    /// </summary>
    public static async Task<ChoiceAccumulator[]> CollectAsync(GenerationSession session, int count, OutputGuard guard, CancellationToken ct = default)
    {
        var choices = new ChoiceAccumulator[count];
        for (var i = 0; i < count; i++) choices[i] = new ChoiceAccumulator();
        while (await session.MoveNextAsync().ConfigureAwait(false))
        {
            var (index, e) = session.Current;
            var acc = choices[index];
            if (guard.IsBlocked(index))
            {
                if (e.FinishReason is not null) acc.Usage = e.Usage;
                continue;
            }
            var step = await guard.NextAsync(index, e, ct).ConfigureAwait(false);
            acc.Add(e, step.Text);
            if (step.Blocked)
            {
                acc.Filtered = true;
                if (step.Withdrawn) acc.Text.Clear(); // nothing was sent yet: the whole answer was judged unsafe
                session.Cancel(index);
            }
        }
        return choices;
    }
}
