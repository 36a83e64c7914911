using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gantry.Server.Hosting;
using Gantry.Server.Security;
using Gantry.Server.Streaming;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary>
/// The flow both generation endpoints share: parse the body, validate it into a plan, start the session (which turns
/// engine refusals into 429/400 before any byte is written), then hand over to the endpoint's formatter.
/// </summary>
internal static class GenerationEndpoint
{
    public delegate ApiError? Validator<T>(T request, ModelRegistry registry, ServerOptions options, out GenerationPlan plan);

    public static async Task HandleAsync<T>(HttpContext ctx, ServerState state, JsonTypeInfo<T> type, Validator<T> validate,
        Func<HttpContext, GenerationPlan, GenerationSession, Task> respond)
        where T : class
    {
        var start = Stopwatch.GetTimestamp();
        if (state.Registry.Unavailable() is { } unavailable)
        {
            await ErrorWriter.WriteAsync(ctx, unavailable).ConfigureAwait(false);
            return;
        }
        state.Enter();
        try
        {
            var request = await JsonSerializer.DeserializeAsync(ctx.Request.Body, type, ctx.RequestAborted).ConfigureAwait(false);
            if (request is null)
            {
                await ErrorWriter.WriteAsync(ctx, ApiError.Invalid("", "The request body must be a JSON object") with { Param = null }).ConfigureAwait(false);
                return;
            }
            if (validate(request, state.Registry, state.Options, out var plan) is { } invalid)
            {
                await ErrorWriter.WriteAsync(ctx, invalid).ConfigureAwait(false);
                return;
            }
            if (ctx.Features.Get<RequestSecurity>() is { } sec)
            {
                if (PlanAdmission.Admit(sec, plan, state.Options.Security?.LogPrompts == true) is { } refusedBySecurity)
                {
                    await ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(refusedBySecurity)).ConfigureAwait(false);
                    return;
                }
                plan = PlanAdmission.Isolate(plan, sec);
            }
            var (session, refused) = await GenerationSession.StartAsync(plan, state.Metrics.For(plan.Model.Name), start, ctx.RequestAborted).ConfigureAwait(false);
            if (refused is not null)
            {
                await ErrorWriter.WriteAsync(ctx, refused).ConfigureAwait(false);
                return;
            }
            await using (session!.ConfigureAwait(false)) await respond(ctx, plan, session!).ConfigureAwait(false);
        }
        finally
        {
            state.Leave();
        }
    }
}
