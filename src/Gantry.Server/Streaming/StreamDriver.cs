using Gantry.Engine;
using Gantry.Security;
using Gantry.Server.Guardrails;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Streaming;

/// <summary>
/// The one streaming loop of every generation endpoint: reads the session's events, passes each through the output
/// guard, hands what may be shown to the endpoint's <see cref="IStreamFormatter"/>, counts usage, and flushes once per
/// burst (when the next event is not ready yet, or before waiting for a guard model's verdict). A client that goes away ends it quietly: the read in flight is
/// cancelled and awaited (<see cref="GenerationSession.AbandonAsync"/>) so the session can be disposed safely.
/// </summary>
internal static class StreamDriver
{
    public static async Task RunAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard, IStreamFormatter format)
    {
        var sse = new SseWriter(ctx.Response);
        var usage = new UsageCounter(plan, ctx.Features.Get<RequestSecurity>());
        var ct = ctx.RequestAborted;
        format.Start(sse);
        ApiError? engineError = null;
        while (true)
        {
            var next = session.MoveNextAsync();
            if (!next.IsCompleted && !await sse.FlushAsync(ct).ConfigureAwait(false))
            {
                await session.AbandonAsync(next).ConfigureAwait(false);
                return;
            }
            if (!await next.ConfigureAwait(false)) break;
            var (index, e) = session.Current;
            if (guard.IsBlocked(index))
            {
                if (e.FinishReason is not null) usage.Add(index, e.Usage); // the cancelled choice's real use
                continue;
            }
            if (e.FinishReason == FinishReason.Cancelled) return;
            var judging = guard.NextAsync(index, e, ct);
            // Waiting for a guard model's verdict is a wait like the engine's: what earlier verdicts released goes out first.
            if (!judging.IsCompleted && !await sse.FlushAsync(ct).ConfigureAwait(false))
            {
                try { await judging.ConfigureAwait(false); } catch (OperationCanceledException) { }
                await session.AbandonAsync(ValueTask.FromResult(false)).ConfigureAwait(false);
                return;
            }
            var step = await judging.ConfigureAwait(false);
            if (step.Blocked)
            {
                format.Filtered(sse, index, step.Text);
                session.Cancel(index);
                if (e.FinishReason is not null) usage.Add(index, e.Usage);
                continue;
            }
            if (e.FinishReason == FinishReason.Error) engineError ??= ApiError.FromEngine(e.Error, e.ModelUnavailable);
            format.Event(sse, index, e, step.Text);
            if (e.FinishReason is not null) usage.Add(index, e.Usage);
        }
        if (plan.IncludeUsage) format.Usage(sse, usage.ToUsage());
        if (guard.Error is { } blocked) sse.Write(GuardrailErrors.Output(blocked), ProtocolJson.Default.ErrorResponse);
        // The status line went out with the first byte; an engine failure (a lost pipeline stage: 503) ends the stream as an error event.
        if (engineError is not null) sse.Write(engineError.ToResponse(), ProtocolJson.Default.ErrorResponse);
        sse.WriteDone();
        await sse.FlushAsync(ct).ConfigureAwait(false);
    }
}
