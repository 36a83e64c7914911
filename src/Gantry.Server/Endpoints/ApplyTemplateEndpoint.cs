using System.Text.Json;
using Gantry.Security;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Guardrails;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Endpoints;

/// <summary>
/// <c>POST /apply-template</c> (llama.cpp's endpoint): a chat-completions body in, <c>{"prompt": "…"}</c> out. The body
/// goes through the same validation as <c>/v1/chat/completions</c> (<see cref="RequestValidator.Chat"/>, input
/// guardrails included), so the prompt is exactly the text that a chat completion would tokenize, and every refusal
/// is the same OpenAI-style error. Nothing is generated. A singleton; one call per request.
/// </summary>
internal sealed class ApplyTemplateEndpoint(ModelRegistry registry, IOptions<ServerOptions> options, ServerGuardrails guardrails)
{
    public const string Path = "/apply-template";

    private readonly ServerOptions _options = options.Value;

    public async Task HandleAsync(HttpContext ctx)
    {
        if (registry.Unavailable() is { } unavailable)
        {
            await ErrorWriter.WriteAsync(ctx, unavailable).ConfigureAwait(false);
            return;
        }
        registry.Enter();
        var sec = ctx.Features.Get<RequestSecurity>();
        var ledger = guardrails.NewLedger();
        try
        {
            var request = await JsonSerializer.DeserializeAsync(ctx.Request.Body, ProtocolJson.Default.ChatCompletionRequest, ctx.RequestAborted).ConfigureAwait(false);
            if (request is null)
            {
                await ErrorWriter.WriteAsync(ctx, ApiError.Invalid("", "The request body must be a JSON object") with { Param = null }).ConfigureAwait(false);
                return;
            }
            var (lease, notServed) = await registry.AcquireAsync(request.Model, request.User, sec?.Key?.Id.Value, ctx.RequestAborted).ConfigureAwait(false);
            if (notServed is not null)
            {
                await ErrorWriter.WriteAsync(ctx, notServed).ConfigureAwait(false);
                return;
            }
            using var held = lease!;
            ctx.Response.Headers[GenerationEndpoint.ModelVersionHeader] = held.Version;
            if (sec?.Key is { } key && !key.Tenant.MayUse(held.Model.Name))
            {
                // Generation meets this check at admission; here nothing is admitted, but the model's template is still its own.
                await ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(SecurityError.ModelNotAllowed(held.Model.Name))).ConfigureAwait(false);
                return;
            }
            var filter = InputGuard.For(guardrails.PolicyFor(sec?.Key), ledger);
            if (RequestValidator.Chat(request, held.Model, _options, filter, out var plan) is { } invalid)
            {
                await ErrorWriter.WriteAsync(ctx, invalid).ConfigureAwait(false);
                return;
            }
            var response = new ApplyTemplateResponse(plan.PromptText!);
            await ctx.Response.WriteAsJsonAsync(response, ProtocolJson.Default.ApplyTemplateResponse, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            if (sec is not null) sec.Guardrails = ledger.Summary;
            registry.Leave();
        }
    }
}
