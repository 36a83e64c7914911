using System.Text;
using System.Text.Json;
using Gantry.Engine;
using Gantry.Engine.Costs;
using Gantry.Server.Cascade;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Guardrails;
using Gantry.Server.Metrics;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;
using Gantry.Server.Validation;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Endpoints;

/// <summary>
/// A cascade route's flow (<c>--cascade NAME=SMALL,LARGE</c>): the small model answers first, its whole answer is
/// buffered (a streamed request sees nothing until the decision), <see cref="CascadePolicy"/> judges it, and either the
/// buffered answer is replayed through the endpoint's own responder or the large model answers the request afresh.
/// The key is admitted once, under the cascade's name; both models' costs go to the request. One per request.
/// </summary>
internal sealed class CascadeRunner(GenerationEndpoint generation, ServerMetrics metrics, ModelRegistry registry, ServerOptions options)
{
    /// <summary>Response headers: the served model that answered, whether the request escalated, and why.</summary>
    public const string ModelHeader = "x-gantry-cascade-model";
    public const string EscalatedHeader = "x-gantry-cascade-escalated";
    public const string ReasonHeader = "x-gantry-cascade-reason";

    private EscalationReason _reason;
    private bool _decided;
    private List<GenerationUsage> _smallUsage = [];
    private long _smallPromptTokens;

    public async Task RunAsync<T>(GenerationEndpoint.Call call, T request, GenerationEndpoint.Validator<T> validate,
        GenerationEndpoint.Responder respond, CascadeSpec cascade) where T : GenerationFields
    {
        var min = cascade.MinMeanLogProb ?? options.CascadeMinMeanLogProb;
        var wantsJson = WantsJson(request.ResponseFormat);

        async Task Judge(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
        {
            var events = new List<ChoiceEvent>();
            var texts = new StringBuilder?[plan.ChoiceCount];
            double logProbSum = 0;
            long logProbCount = 0;
            var failed = false;
            while (await session.MoveNextAsync().ConfigureAwait(false))
            {
                var (index, e) = session.Current;
                events.Add(session.Current);
                (texts[index] ??= new StringBuilder()).Append(e.TextDelta);
                if (e.TokenId >= 0 && e.LogProb is { } lp)
                {
                    logProbSum += lp;
                    logProbCount++;
                }
                if (e.FinishReason == FinishReason.Error) failed = true;
                if (e.Usage is { } usage) _smallUsage.Add(usage);
            }
            if (ctx.RequestAborted.IsCancellationRequested) return; // the client left: nothing to decide
            foreach (var p in plan.Prompts) _smallPromptTokens += p.Length;
            var signals = new CascadeSignals(logProbCount == 0 ? double.NaN : logProbSum / logProbCount,
                wantsJson ? texts.All(ParsesAsJson) : null, WouldRewrite(call, plan, events), failed);
            _reason = CascadePolicy.Decide(signals, min);
            _decided = true;
            if (_reason != EscalationReason.None) return;
            Label(ctx, cascade.Small, _reason);
            await using var replay = GenerationSession.Replay(events);
            await respond(ctx, plan, replay, guard).ConfigureAwait(false);
        }

        var small = await generation.AttemptAsync(call, request, cascade.Small, validate, Judge,
            new GenerationEndpoint.AttemptOptions(cascade.Name, WithLogProbs)).ConfigureAwait(false);
        if (!_decided) return; // the small attempt ended before a decision: its error (or the client's leaving) stands
        if (_reason != EscalationReason.None)
        {
            Task Escalated(HttpContext ctx, GenerationPlan plan, GenerationSession session, OutputGuard guard)
            {
                Label(ctx, cascade.Large, _reason);
                return respond(ctx, plan, session, guard);
            }
            await generation.AttemptAsync(call, request, cascade.Large, validate, Escalated, new GenerationEndpoint.AttemptOptions(null, null, Admit: false)).ConfigureAwait(false);
        }
        RecordSaving(cascade, small);
    }

    /// <summary>
    /// The cascade's metrics: one request, an escalation with its reason, and what it saved against answering with the
    /// large model alone — for an answer the small model kept, the large model's estimated FLOPs and price for the same
    /// tokens less the small model's cost; for an escalated one, minus the small model's cost (spent in vain).
    /// </summary>
    private void RecordSaving(CascadeSpec cascade, RequestCost small)
    {
        var kept = _reason == EscalationReason.None;
        double largeFlops = 0, largePrice = 0;
        long tokens = _smallPromptTokens;
        if (kept)
        {
            var large = registry.Models.FirstOrDefault(m => m.Name == cascade.Large);
            foreach (var u in _smallUsage)
            {
                tokens += u.CompletionTokens;
                if (large is not null) largeFlops += CostModel.Flops(large.Model.Info, u.PromptTokens, u.CompletionTokens);
            }
            largePrice = CostModel.Price(options.Costs, cascade.Large, _smallPromptTokens, tokens - _smallPromptTokens);
        }
        metrics.RecordCascade(cascade.Name, kept ? null : CascadePolicy.Name(_reason), kept ? tokens : 0,
            largeFlops - small.Flops, largePrice - small.Price);
    }

    private static void Label(HttpContext ctx, string model, EscalationReason reason)
    {
        ctx.Response.Headers[ModelHeader] = model;
        ctx.Response.Headers[EscalatedHeader] = reason == EscalationReason.None ? "false" : "true";
        if (reason != EscalationReason.None) ctx.Response.Headers[ReasonHeader] = CascadePolicy.Name(reason);
    }

    /// <summary>The small model's tokens always carry their log-probability (its confidence); the response shows them only if asked.</summary>
    private static GenerationPlan WithLogProbs(GenerationPlan plan) =>
        plan.Sampling.LogProbs > 0 ? plan : plan with { Sampling = plan.Sampling with { LogProbs = 1 } };

    /// <summary>Whether an output guardrail would block or redact the small answer (a trial run on a ledger of its own, so nothing is counted).</summary>
    private static bool WouldRewrite(GenerationEndpoint.Call call, GenerationPlan plan, List<ChoiceEvent> events)
    {
        var ledger = new GuardrailLedger(null);
        var probe = new OutputGuard(call.Policy, plan.ChoiceCount, ledger);
        foreach (var (index, e) in events)
            if (!probe.IsBlocked(index)) probe.Next(index, e);
        return ledger.Entries.Any(x => x.EndsWith(":block", StringComparison.Ordinal) || x.EndsWith(":redact", StringComparison.Ordinal));
    }

    /// <summary>Whether <c>response_format</c> asks for JSON (<c>json_object</c> or <c>json_schema</c>).</summary>
    private static bool WantsJson(JsonElement format) =>
        format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && type.GetString() is "json_object" or "json_schema";

    private static bool ParsesAsJson(StringBuilder? text)
    {
        if (text is null) return false;
        try
        {
            using var _ = JsonDocument.Parse(text.ToString());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
