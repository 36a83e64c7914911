using Gantry.Guardrails.Pipeline;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Configuration;

/// <summary>
/// Checks <see cref="ServerOptions"/> once, when the host starts (<c>ValidateOnStart</c>); a bad value stops the start with
/// an <see cref="OptionsValidationException"/> listing every <see cref="OptionProblem"/>. The CLI calls <see cref="Problems"/>
/// first to phrase them with its flag names.
/// </summary>
public sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }

    /// <summary>Every problem of <paramref name="o"/>; empty when it can start.</summary>
    public static IReadOnlyList<OptionProblem> Problems(ServerOptions o)
    {
        var problems = new List<OptionProblem>();
        void Check(bool ok, string option, string message)
        {
            if (!ok) problems.Add(new OptionProblem(option, message));
        }

        Check(o.Port is >= 0 and <= 65535, nameof(o.Port), $"must be in 0..65535 (got {o.Port})");
        Check(o.Threads is >= 1 and <= 1024, nameof(o.Threads), $"must be between 1 and 1024 (got {o.Threads})");
        Check(o.MaxBodyBytes >= 1024, nameof(o.MaxBodyBytes), $"must be at least 1024 (got {o.MaxBodyBytes})");
        Check(o.DrainSeconds >= 0, nameof(o.DrainSeconds), $"must not be negative (got {o.DrainSeconds})");
        Check(o.MaxChoices >= 1, nameof(o.MaxChoices), $"must be at least 1 (got {o.MaxChoices})");
        Check(o.MaxLoras is >= 0 and <= 1024, nameof(o.MaxLoras), $"must be between 0 and 1024 (got {o.MaxLoras})");
        Check(o.LoraAdapters.Count <= o.MaxLoras, nameof(o.LoraAdapters), $"names {o.LoraAdapters.Count} adapters but at most {o.MaxLoras} may be loaded");
        Check(o.LoraAdapters.Select(l => l.Name).Distinct().Count() == o.LoraAdapters.Count, nameof(o.LoraAdapters), "names an adapter twice");
        Check(o.ReadyProbeTimeout > TimeSpan.Zero, nameof(o.ReadyProbeTimeout), $"must be positive (got {o.ReadyProbeTimeout})");
        Check(o.IdleUnloadSeconds >= 0, nameof(o.IdleUnloadSeconds), $"must not be negative (got {o.IdleUnloadSeconds})");
        Check(o.Drift.ReferenceRequests is >= 10 and <= 1_000_000, "Drift.ReferenceRequests", $"must be in 10..1000000 (got {o.Drift.ReferenceRequests})");
        Check(o.Drift.WindowRequests is >= 10 and <= 1_000_000, "Drift.WindowRequests", $"must be in 10..1000000 (got {o.Drift.WindowRequests})");
        Check(o.Drift.Threshold > 0 && double.IsFinite(o.Drift.Threshold), "Drift.Threshold", $"must be a positive number (got {o.Drift.Threshold})");
        Check(o.ModelMemoryBytes is null or > 0, nameof(o.ModelMemoryBytes), $"must be positive (got {o.ModelMemoryBytes})");
        Check(o.Engine.StreamInterval >= 1, "Engine.StreamInterval", $"must be at least 1 (got {o.Engine.StreamInterval})");
        try
        {
            o.Engine.Scheduler.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(new OptionProblem("Engine.Scheduler." + e.ParamName, e.Message.Split(" (Parameter")[0]));
        }
        Check(o.PipelineWorkers.Count == 0 || (o.Models.Count == 1 && !o.Models[0].IsBuiltIn), nameof(o.PipelineWorkers), "need exactly one model file to split across them");
        Check(o.PipelineWorkers.Count == 0 || o.LoraAdapters.Count == 0, nameof(o.PipelineWorkers), "cannot serve LoRA adapters yet (the stages hold no adapter weights)");
        Check(o.PipelineTimeout > TimeSpan.Zero, nameof(o.PipelineTimeout), $"must be positive (got {o.PipelineTimeout})");
        if (o.ChatTemplate is { } template)
        {
            try
            {
                Models.ChatTemplates.ChatTemplate.Parse(template);
            }
            catch (Models.ChatTemplates.ChatTemplateException e)
            {
                problems.Add(new OptionProblem(nameof(o.ChatTemplate), "does not parse: " + e.Message));
            }
        }
        var twice = o.Models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        Check(twice is null, nameof(o.Models), $"holds two models named '{twice?.Key}'; give them different names");
        if (o.Security is { } s)
            Check(s.AuditRetentionDays >= 1, "Security.AuditRetentionDays", $"must be at least 1 (got {s.AuditRetentionDays})");
        var g = o.Guardrails;
        foreach (var check in g.Modes.Keys.Where(k => !GuardrailCheckNames.All.Contains(k)))
            problems.Add(new OptionProblem("Guardrails.Modes", $"names an unknown check '{check}'"));
        Check(g.StreamHoldBackChars is >= 16 and <= 65536, "Guardrails.StreamHoldBackChars", $"must be 16..65536 characters (got {g.StreamHoldBackChars})");
        Check(!g.DenyTerms.Any(string.IsNullOrWhiteSpace), "Guardrails.DenyTerms", "must not hold empty terms");
        if (o.GuardModel is { } gm)
        {
            Check(!string.IsNullOrWhiteSpace(gm.Path), "GuardModel.Path", "must name a GGUF file");
            Check(gm.KvCacheBytes is null or > 0, "GuardModel.KvCacheBytes", $"must be positive (got {gm.KvCacheBytes})");
            Check(gm.StreamIntervalTokens is >= 1 and <= 65536, "GuardModel.StreamIntervalTokens", $"must be 1..65536 tokens (got {gm.StreamIntervalTokens})");
        }
        CascadeChecks.Add(o, problems);
        var costs = o.Costs;
        Check(costs.CpuWatts >= 0 && double.IsFinite(costs.CpuWatts), "Costs.CpuWatts", $"must be a non-negative number of watts (got {costs.CpuWatts})");
        Check(costs.GridGco2PerKwh >= 0 && double.IsFinite(costs.GridGco2PerKwh), "Costs.GridGco2PerKwh", $"must be a non-negative number of gCO2e per kWh (got {costs.GridGco2PerKwh})");
        foreach (var (model, price) in costs.Prices)
            Check(price.InputPerMillion >= 0 && price.OutputPerMillion >= 0 && double.IsFinite(price.InputPerMillion) && double.IsFinite(price.OutputPerMillion),
                "Costs.Prices", $"prices model '{model}' at {price.InputPerMillion},{price.OutputPerMillion}; prices per 1M tokens must be non-negative numbers");
        return problems;
    }
}
