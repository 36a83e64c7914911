using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Models.Tokenizers;
using Gantry.Guardrails.Streaming;
using Gantry.Server.Guardrails;
using Gantry.Server.Hosting;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary><c>POST /v1/chat/completions</c>: the conversation rendered by the model's chat template, whole or streamed.</summary>
internal static class ChatCompletionsEndpoint
{
    public static Task HandleAsync(HttpContext ctx, ServerState state) =>
        GenerationEndpoint.HandleAsync(ctx, state, ProtocolJson.Default.ChatCompletionRequest, RequestValidator.Chat, RespondAsync);

    private static Task RespondAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard) =>
        plan.Stream ? StreamAsync(ctx, plan, session, guard) : WholeAsync(ctx, plan, session, guard);

    private static async Task WholeAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
    {
        if (await ChoiceAccumulator.CollectOrFailAsync(ctx, session, plan.ChoiceCount, guard).ConfigureAwait(false) is not { } acc) return;
        var usage = new UsageCounter(plan, ctx.Features.Get<Security.RequestSecurity>());
        var tokenizer = plan.Model.Model.Tokenizer;
        var choices = new ChatChoice[acc.Length];
        for (var i = 0; i < acc.Length; i++)
        {
            usage.Add(i, acc[i].Usage);
            ChatLogProbs? logprobs = null;
            if (plan.LogProbs == LogProbsMode.Chat)
            {
                logprobs = new ChatLogProbs([]);
                foreach (var (token, lp, tops) in acc[i].LogProbs) logprobs.Content.Add(Entry(tokenizer, token, lp, tops, plan.TopLogProbs));
            }
            choices[i] = new ChatChoice(i, new ChatMessageOut("assistant", acc[i].Text.ToString()), logprobs, acc[i].FinishReasonText);
        }
        var response = new ChatCompletionResponse(Wire.NewId("chatcmpl-"), Wire.Now(), plan.Model.Name, choices, usage.ToUsage());
        await ctx.Response.WriteAsJsonAsync(response, ProtocolJson.Default.ChatCompletionResponse, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
    {
        var sse = new SseWriter(ctx.Response);
        var id = Wire.NewId("chatcmpl-");
        var created = Wire.Now();
        var name = plan.Model.Name;
        var tokenizer = plan.Model.Model.Tokenizer;
        var usage = new UsageCounter(plan, ctx.Features.Get<Security.RequestSecurity>());
        var ct = ctx.RequestAborted;
        var type = ProtocolJson.Default.ChatCompletionChunk;
        var template = TextChunkTemplate.Chat(id, created, name);
        for (var i = 0; i < plan.ChoiceCount; i++)
            sse.Write(new ChatCompletionChunk(id, created, name, [new ChatChunkChoice(i, new ChatDelta("assistant", ""), null, null)], null), type);
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
                sse.Write(new ChatCompletionChunk(id, created, name, [new ChatChunkChoice(index, new ChatDelta(null, null), null, StreamingGuardResult.ContentFilterFinishReason)], null), type);
                session.Cancel(index);
                if (e.FinishReason is not null) usage.Add(index, e.Usage);
                continue;
            }
            ChatLogProbs? logprobs = null;
            if (plan.LogProbs == LogProbsMode.Chat && e.TokenId >= 0 && e.LogProb is { } lp)
                logprobs = new ChatLogProbs([Entry(tokenizer, e.TokenId, lp, e.TopLogProbs ?? [], plan.TopLogProbs)]);
            if (logprobs is not null)
                sse.Write(new ChatCompletionChunk(id, created, name, [new ChatChunkChoice(index, new ChatDelta(null, step.Text), logprobs, null)], null), type);
            else if (step.Text.Length > 0)
                sse.WriteText(template, index, step.Text);
            if (e.FinishReason is { } finish)
            {
                usage.Add(index, e.Usage);
                sse.Write(new ChatCompletionChunk(id, created, name, [new ChatChunkChoice(index, new ChatDelta(null, null), null, Wire.FinishReason(finish))], null), type);
            }
        }
        if (plan.IncludeUsage) sse.Write(new ChatCompletionChunk(id, created, name, [], usage.ToUsage()), type);
        if (guard.Error is { } blocked) sse.Write(GuardrailErrors.Output(blocked), ProtocolJson.Default.ErrorResponse);
        sse.WriteDone();
        await sse.FlushAsync(ct).ConfigureAwait(false);
    }

    private static ChatTokenLogProb Entry(ITokenizer tokenizer, int token, float logprob, TokenLogProb[] tops, int count)
    {
        var top = new List<ChatTopLogProb>(count);
        for (var i = 0; i < Math.Min(count, tops.Length); i++)
            top.Add(new ChatTopLogProb(Wire.TokenText(tokenizer, tops[i].TokenId), tops[i].LogProb, Wire.TokenBytes(tokenizer, tops[i].TokenId)));
        return new ChatTokenLogProb(Wire.TokenText(tokenizer, token), logprob, Wire.TokenBytes(tokenizer, token), top);
    }
}
