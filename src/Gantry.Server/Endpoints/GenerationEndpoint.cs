using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gantry.Security;
using Gantry.Server.Access;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Drift;
using Gantry.Server.Feedback;
using Gantry.Server.Guardrails;
using Gantry.Server.Lifecycle;
using Gantry.Server.Metrics;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;
using Gantry.Server.Telemetry;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Endpoints;

/// <summary>
/// The flow both generation endpoints share: parse the body, validate it into a plan (the input guardrails run over
/// each prompt text on the way), admit it, start the session (which turns engine refusals into 429/400 before any
/// byte is written), then hand over to the endpoint's responder with the request's output guard. The guardrail
/// verdicts go to the audit record when the request ends. A request for a cascade route runs this flow once per model it
/// tries (<see cref="CascadeRunner"/>). A singleton; one call per request.
/// </summary>
internal sealed class GenerationEndpoint(ModelRegistry registry, IOptions<ServerOptions> options, ServerMetrics metrics, ServerGuardrails guardrails, TrafficController traffic, ServerMeter meter, ServedRequests served,
    LoraAdapterRegistry adapters, DriftMonitor drift, ServerGuardModel guardModel)
{
    /// <summary>The response header naming the model version that served the request.</summary>
    public const string ModelVersionHeader = "x-gantry-model-version";

    private readonly ServerOptions _options = options.Value;
    private readonly Dictionary<string, CascadeSpec> _cascades = options.Value.Cascades.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public delegate ApiError? Validator<T>(T request, ServedModel model, ServerOptions options, PromptFilter? filter, out GenerationPlan plan);

    /// <summary>Writes the response of a started session: whole, or streamed through <see cref="StreamDriver"/>.</summary>
    public delegate Task Responder(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard);

    /// <summary>A request's state shared by the models it tries (one, or a cascade's two).</summary>
    internal sealed record Call(HttpContext Ctx, long Start, RequestTrace Trace, RequestSecurity? Sec, Gantry.Guardrails.Pipeline.GuardrailPolicy Policy, GuardrailLedger Ledger);

    /// <summary>
    /// How one try differs from a plain request: <paramref name="AdmitAs"/> is the name the key is admitted under (a
    /// cascade's; null: the served model's), <paramref name="Admit"/> false skips admission (a cascade's second try, already
    /// admitted), and <paramref name="Adjust"/> changes the validated plan.
    /// </summary>
    internal sealed record AttemptOptions(string? AdmitAs, Func<GenerationPlan, GenerationPlan>? Adjust, bool Admit = true);

    public async Task HandleAsync<T>(HttpContext ctx, JsonTypeInfo<T> type, Validator<T> validate, Responder respond)
        where T : GenerationFields
    {
        var start = Stopwatch.GetTimestamp();
        if (registry.Unavailable() is { } unavailable)
        {
            await ErrorWriter.WriteAsync(ctx, unavailable).ConfigureAwait(false);
            return;
        }
        registry.Enter();
        var trace = new RequestTrace(meter, start);
        var sec = ctx.Features.Get<RequestSecurity>();
        var policy = guardrails.PolicyFor(sec?.Key);
        var ledger = guardrails.NewLedger();
        try
        {
            var request = await JsonSerializer.DeserializeAsync(ctx.Request.Body, type, ctx.RequestAborted).ConfigureAwait(false);
            if (request is null)
            {
                await ErrorWriter.WriteAsync(ctx, ApiError.Invalid("", "The request body must be a JSON object") with { Param = null }).ConfigureAwait(false);
                return;
            }
            var call = new Call(ctx, start, trace, sec, policy, ledger);
            if (request.Model is { } name && _cascades.TryGetValue(name, out var cascade))
                await new CascadeRunner(this, metrics, registry, _options).RunAsync(call, request, validate, respond, cascade).ConfigureAwait(false);
            else
                await AttemptAsync(call, request, request.Model, validate, respond, new AttemptOptions(null, null)).ConfigureAwait(false);
        }
        finally
        {
            if (sec is not null) sec.Guardrails = ledger.Summary;
            trace.End(ctx.Response.StatusCode);
            registry.Leave();
        }
    }

    /// <summary>
    /// One model's try at the request: lease the model (or adapter) named <paramref name="model"/>, validate, admit, run
    /// the session through <paramref name="respond"/>, then book its cost, rollout outcome and drift sample. Errors
    /// before the session starts are written as the response. Returns what the try cost (zero when it ended before the engine ran it).
    /// </summary>
    internal async Task<Gantry.Engine.Costs.RequestCost> AttemptAsync<T>(Call call, T request, string? model, Validator<T> validate, Responder respond, AttemptOptions how)
        where T : GenerationFields
    {
        var (ctx, start, trace, sec, policy, ledger) = call;
        if (adapters.Resolve(model, out var modelName, out var adapter) is { } unknownAdapter)
        {
            await ErrorWriter.WriteAsync(ctx, unknownAdapter).ConfigureAwait(false);
            return default;
        }
        var (lease, notServed) = await registry.AcquireAsync(modelName, request.User, sec?.Key?.Id.Value, ctx.RequestAborted).ConfigureAwait(false);
        if (notServed is not null)
        {
            await ErrorWriter.WriteAsync(ctx, notServed).ConfigureAwait(false);
            return default;
        }
        using var held = lease!;
        ctx.Response.Headers[ModelVersionHeader] = held.Version;
        if (sec is not null)
        {
            sec.ModelVersion = held.Version; // feedback and log exports join on it
            served.Add(sec.RequestId, new ServedRequest(held.Slot.Name, held.Version, sec.Key?.Tenant.Name));
        }
        var input = InputGuard.Create(policy, ledger, guardModel);
        var invalid = validate(request, held.Model, _options, input is null ? null : input.Filter, out var plan);
        if (invalid is null && input is not null) invalid = await input.JudgeAsync(ctx.RequestAborted).ConfigureAwait(false);
        if (invalid is not null)
        {
            if (invalid.Code == GuardrailErrors.Code)
            {
                if (sec is not null) sec.Model = how.AdmitAs ?? model; // audited with its model
                traffic.Record(held.Slot, true, -1, blocked: true);
                drift.Record(held.Slot.Name, held.Version, new DriftSample(-1, -1, null, double.NaN, Blocked: true));
            }
            await ErrorWriter.WriteAsync(ctx, invalid).ConfigureAwait(false);
            return default;
        }
        if (adapter is not null)
        {
            try
            {
                plan = plan with { Lora = adapter.SetFor(held.Model), AdapterName = adapter.Name };
            }
            catch (Gantry.Models.Lora.LoraAdapterException e)
            {
                await ErrorWriter.WriteAsync(ctx, ApiError.Invalid("model", $"LoRA adapter '{adapter.Name}' cannot run on this version of '{held.Model.Name}': {e.Message}")).ConfigureAwait(false);
                return default;
            }
        }
        var output = new OutputGuard(policy, plan.ChoiceCount, ledger, OutputModelGuard.For(guardModel, policy, input, plan.N, ledger, plan.Stream));
        if (output.HoldsText && plan.LogProbs != LogProbsMode.None)
        {
            // Per-token log-probabilities carry the raw token text, which would bypass redaction and blocking.
            await ErrorWriter.WriteAsync(ctx, ApiError.Invalid("logprobs",
                "Log-probabilities are not available under this key's guardrails (an output check redacts or blocks)")).ConfigureAwait(false);
            return default;
        }
        if (how.Adjust is not null) plan = how.Adjust(plan);
        if (sec is not null)
        {
            if (how.Admit && PlanAdmission.Admit(sec, plan, _options.Security?.LogPrompts == true, how.AdmitAs) is { } refusedBySecurity)
            {
                await ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(refusedBySecurity)).ConfigureAwait(false);
                return default;
            }
            plan = PlanAdmission.Isolate(plan, sec);
        }
        if (registry.TryGetRoute(held.Slot.Name, out var route) && route.Shadow is { } shadow && shadow != held.Slot)
            ShadowCopy.Start(shadow, request, validate, _options, metrics, traffic);
        var costing = new RequestCosting(plan.Model.Model.Info, plan.Model.Name, plan.Model.Engine.Options.KvCacheType, _options.Costs);
        var recorder = metrics.For(plan.Model.Name, costing);
        trace.Submitting(plan.Model.Name, plan.ChoiceCount);
        var (session, refused) = await GenerationSession.StartAsync(plan, recorder, start, ctx.RequestAborted).ConfigureAwait(false);
        if (refused is not null)
        {
            traffic.Record(held.Slot, refused.Status < 500, -1);
            await ErrorWriter.WriteAsync(ctx, refused).ConfigureAwait(false);
            return default;
        }
        session!.Trace = trace;
        var cost = default(Gantry.Engine.Costs.RequestCost);
        try
        {
            await using (session.ConfigureAwait(false)) await respond(ctx, plan, session, output).ConfigureAwait(false);
            await output.FinishAsync(ctx.RequestAborted).ConfigureAwait(false); // verdicts left for after the response
        }
        catch when (!ctx.RequestAborted.IsCancellationRequested)
        {
            traffic.Record(held.Slot, false, recorder.FirstTokenSeconds * 1000);
            throw;
        }
        finally
        {
            cost = Charge(sec, plan, costing);
        }
        // The version's outcome for its rollout objectives: a 5xx or an engine error on any choice is a failure.
        traffic.Record(held.Slot, recorder.Errors == 0 && ctx.Response.StatusCode < 500, recorder.FirstTokenSeconds * 1000, blocked: ledger.Blocked);
        drift.Record(held.Slot.Name, held.Version, new DriftSample(recorder.PromptTokens, recorder.CompletionTokens, recorder.FinishReason,
            recorder.MeanLogProb, ledger.Blocked || recorder.FinishReason == "content_filter"));
        return cost;
    }

    /// <summary>
    /// Books what the request cost once its session is over: the <c>/metrics</c> cost counters of its model and tenant,
    /// and its audit record (so <c>/admin/usage</c>); returns it. Nothing when no choice finished (a refusal before any work).
    /// </summary>
    private Gantry.Engine.Costs.RequestCost Charge(RequestSecurity? sec, GenerationPlan plan, RequestCosting costing)
    {
        if (costing.Choices == 0) return default;
        long prompt = 0;
        foreach (var p in plan.Prompts) prompt += p.Length;
        var cost = costing.Total(prompt);
        metrics.RecordCost(plan.Model.Name, sec?.Key?.Tenant.Name ?? "", cost);
        if (sec is not null) sec.Cost = (sec.Cost ?? default) + cost; // a cascade's second try adds to its first
        return cost;
    }
}
