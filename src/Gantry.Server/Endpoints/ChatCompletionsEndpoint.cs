using Gantry.Security;
using Gantry.Server.Guardrails;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;
using Gantry.Server.Tools;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary><c>POST /v1/chat/completions</c>: the conversation rendered by the model's chat template, whole or streamed
/// (<see cref="ChatChunkFormatter"/>).</summary>
internal sealed class ChatCompletionsEndpoint(GenerationEndpoint generation)
{
    public const string Path = "/v1/chat/completions";

    public Task HandleAsync(HttpContext ctx) =>
        generation.HandleAsync(ctx, ProtocolJson.Default.ChatCompletionRequest, RequestValidator.Chat, RespondAsync);

    private static Task RespondAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard) =>
        !plan.Stream ? WholeAsync(ctx, plan, session, guard)
        : plan.Tools is { } tools ? StreamDriver.RunAsync(ctx, plan, session, guard, new ToolCallChunkFormatter(plan, tools))
        : StreamDriver.RunAsync(ctx, plan, session, guard, new ChatChunkFormatter(plan));

    private static async Task WholeAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
    {
        if (await ChoiceAccumulator.CollectOrFailAsync(ctx, session, plan.ChoiceCount, guard).ConfigureAwait(false) is not { } acc) return;
        var usage = new UsageCounter(plan, ctx.Features.Get<RequestSecurity>());
        var tokenizer = plan.Model.Model.Tokenizer;
        var choices = new ChatChoice[acc.Length];
        for (var i = 0; i < acc.Length; i++)
        {
            usage.Add(i, acc[i].Usage);
            ChatLogProbs? logprobs = null;
            if (plan.LogProbs == LogProbsMode.Chat)
            {
                logprobs = new ChatLogProbs([]);
                foreach (var (token, lp, tops) in acc[i].LogProbs) logprobs.Content.Add(LogProbWire.ChatEntry(tokenizer, token, lp, tops, plan.TopLogProbs));
            }
            choices[i] = plan.Tools is { } tools && !acc[i].Filtered
                ? WithToolCalls(i, acc[i], tools)
                : new ChatChoice(i, new ChatMessageOut("assistant", acc[i].Text.ToString()), logprobs, acc[i].FinishReasonText);
        }
        var response = new ChatCompletionResponse(Wire.NewId("chatcmpl-"), Wire.Now(), plan.ResponseModel, choices, usage.ToUsage());
        await ctx.Response.WriteAsJsonAsync(response, ProtocolJson.Default.ChatCompletionResponse, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A choice read for tool calls: <c>content: null</c> when it only called tools, and <c>"tool_calls"</c> as its finish.</summary>
    private static ChatChoice WithToolCalls(int index, ChoiceAccumulator acc, ToolPlan tools)
    {
        var (content, calls) = new ToolCallExtractor(tools).ReadAll(acc.Text.ToString());
        if (calls.Count == 0) return new ChatChoice(index, new ChatMessageOut("assistant", content ?? ""), null, acc.FinishReasonText);
        return new ChatChoice(index, new ChatMessageOut("assistant", content, ToolCallWire.ToMessage(calls)), null, ToolCallWire.FinishReason);
    }
}
