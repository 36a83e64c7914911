using Gantry.Security;
using Gantry.Server.Guardrails;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary><c>POST /v1/completions</c>: text completion, whole or streamed (<see cref="CompletionChunkFormatter"/>).</summary>
internal sealed class CompletionsEndpoint(GenerationEndpoint generation)
{
    public const string Path = "/v1/completions";

    public Task HandleAsync(HttpContext ctx) =>
        generation.HandleAsync(ctx, ProtocolJson.Default.CompletionRequest, RequestValidator.Completion, RespondAsync);

    private static Task RespondAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard) =>
        plan.Stream ? StreamDriver.RunAsync(ctx, plan, session, guard, new CompletionChunkFormatter(plan)) : WholeAsync(ctx, plan, session, guard);

    private static async Task WholeAsync(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
    {
        if (await ChoiceAccumulator.CollectOrFailAsync(ctx, session, plan.ChoiceCount, guard).ConfigureAwait(false) is not { } acc) return;
        var usage = new UsageCounter(plan, ctx.Features.Get<RequestSecurity>());
        var tokenizer = plan.Model.Model.Tokenizer;
        var choices = new CompletionChoice[acc.Length];
        for (var i = 0; i < acc.Length; i++)
        {
            usage.Add(i, acc[i].Usage);
            var logprobs = plan.LogProbs == LogProbsMode.Completions ? LogProbWire.Completion(acc[i].LogProbs, tokenizer, plan.TopLogProbs) : null;
            choices[i] = new CompletionChoice(i, acc[i].Text.ToString(), logprobs, acc[i].FinishReasonText);
        }
        var response = new CompletionResponse(Wire.NewId("cmpl-"), Wire.Now(), plan.ResponseModel, choices, usage.ToUsage());
        await ctx.Response.WriteAsJsonAsync(response, ProtocolJson.Default.CompletionResponse, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
    }
}
