using Gantry.Engine;
using Gantry.Models.Tokenizers;
using Gantry.Guardrails.Streaming;
using Gantry.Server.Guardrails;
using Gantry.Server.Hosting;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary><c>POST /v1/completions</c>: text completion, whole or streamed.</summary>
internal static class CompletionsEndpoint
{
    public static Task HandleAsync(HttpContext ctx, ServerState state) =>
        GenerationEndpoint.HandleAsync(ctx, state, ProtocolJson.Default.CompletionRequest, RequestValidator.Completion, RespondAsync);

    private static Task RespondAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard) =>
        plan.Stream ? StreamAsync(ctx, plan, session, guard) : WholeAsync(ctx, plan, session, guard);

    private static async Task WholeAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
    {
        if (await ChoiceAccumulator.CollectOrFailAsync(ctx, session, plan.ChoiceCount, guard).ConfigureAwait(false) is not { } acc) return;
        var usage = new UsageCounter(plan, ctx.Features.Get<Security.RequestSecurity>());
        var tokenizer = plan.Model.Model.Tokenizer;
        var choices = new CompletionChoice[acc.Length];
        for (var i = 0; i < acc.Length; i++)
        {
            usage.Add(i, acc[i].Usage);
            var logprobs = plan.LogProbs == LogProbsMode.Completions ? LogProbs(acc[i], tokenizer, plan.TopLogProbs) : null;
            choices[i] = new CompletionChoice(i, acc[i].Text.ToString(), logprobs, acc[i].FinishReasonText);
        }
        var response = new CompletionResponse(Wire.NewId("cmpl-"), Wire.Now(), plan.Model.Name, choices, usage.ToUsage());
        await ctx.Response.WriteAsJsonAsync(response, ProtocolJson.Default.CompletionResponse, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
    {
        var sse = new SseWriter(ctx.Response);
        var id = Wire.NewId("cmpl-");
        var created = Wire.Now();
        var name = plan.Model.Name;
        var tokenizer = plan.Model.Model.Tokenizer;
        var usage = new UsageCounter(plan, ctx.Features.Get<Security.RequestSecurity>());
        var offsets = new int[plan.ChoiceCount];
        var template = TextChunkTemplate.Completion(id, created, name);
        var ct = ctx.RequestAborted;
        while (true)
        {
            var next = session.MoveNextAsync();
            if (!next.IsCompleted && !await sse.FlushAsync(ct).ConfigureAwait(false)) return;
            if (!await next.ConfigureAwait(false)) break;
            var (index, e) = session.Current;
            if (guard.IsBlocked(index))
            {
                if (e.FinishReason is not null) usage.Add(index, e.Usage); // the cancelled choice's real use
                continue;
            }
            if (e.FinishReason == FinishReason.Cancelled) return;
            var step = guard.Next(index, e);
            if (step.Blocked)
            {
                if (step.Text.Length > 0) sse.WriteText(template, index, step.Text);
                sse.Write(new CompletionResponse(id, created, name, [new CompletionChoice(index, "", null, StreamingGuardResult.ContentFilterFinishReason)], null), ProtocolJson.Default.CompletionResponse);
                session.Cancel(index);
                if (e.FinishReason is not null) usage.Add(index, e.Usage);
                continue;
            }
            CompletionLogProbs? logprobs = null;
            if (plan.LogProbs == LogProbsMode.Completions && e.TokenId >= 0 && e.LogProb is { } lp)
            {
                logprobs = new CompletionLogProbs([Wire.TokenText(tokenizer, e.TokenId)], [lp], [TopDictionary(tokenizer, e.TopLogProbs, plan.TopLogProbs)], [offsets[index]]);
            }
            offsets[index] += step.Text.Length;
            if (logprobs is null && e.FinishReason is null)
            {
                if (step.Text.Length > 0) sse.WriteText(template, index, step.Text);
            }
            else
            {
                var finish = e.FinishReason is { } f ? Wire.FinishReason(f) : null;
                sse.Write(new CompletionResponse(id, created, name, [new CompletionChoice(index, step.Text, logprobs, finish)], null), ProtocolJson.Default.CompletionResponse);
            }
            if (e.FinishReason is not null) usage.Add(index, e.Usage);
        }
        if (plan.IncludeUsage) sse.Write(new CompletionResponse(id, created, name, [], usage.ToUsage()), ProtocolJson.Default.CompletionResponse);
        if (guard.Error is { } blocked) sse.Write(GuardrailErrors.Output(blocked), ProtocolJson.Default.ErrorResponse);
        sse.WriteDone();
        await sse.FlushAsync(ct).ConfigureAwait(false);
    }

    private static CompletionLogProbs LogProbs(ChoiceAccumulator acc, ITokenizer tokenizer, int top)
    {
        var result = new CompletionLogProbs([], [], [], []);
        var offset = 0;
        foreach (var (token, lp, tops) in acc.LogProbs)
        {
            var text = Wire.TokenText(tokenizer, token);
            result.Tokens.Add(text);
            result.TokenLogprobs.Add(lp);
            result.TopLogprobs.Add(TopDictionary(tokenizer, tops, top));
            result.TextOffset.Add(offset);
            offset += text.Length;
        }
        return result;
    }

    private static Dictionary<string, float> TopDictionary(ITokenizer tokenizer, Engine.Sampling.TokenLogProb[]? tops, int count)
    {
        var d = new Dictionary<string, float>();
        if (tops is null) return d;
        for (var i = 0; i < Math.Min(count, tops.Length); i++) d.TryAdd(Wire.TokenText(tokenizer, tops[i].TokenId), tops[i].LogProb);
        return d;
    }
}
