using Gantry.Engine;
using Gantry.Engine.Scheduling;
using Gantry.Engine.Speculative;
using Gantry.Gateway;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Server.Configuration;

namespace Gantry.Cli.Commands;

/// <summary>
/// The one place that knows which command-line flag sets which library option. Libraries name the option they
/// refuse (an <see cref="ArgumentException.ParamName"/> such as <c>KvCacheBytes</c>, or an <see cref="OptionProblem"/>'s
/// path such as <c>Engine.Scheduler.MaxQueue</c>) and phrase the problem after it ("must be at least 1 (got 0)"); the
/// CLI puts the flag in front.
/// </summary>
internal static class OptionFlags
{
    /// <summary>Option (property) names that libraries put in <see cref="ArgumentException.ParamName"/>, and their flags.</summary>
    private static readonly Dictionary<string, string> ByParamName = new(StringComparer.Ordinal)
    {
        [nameof(EngineOptions.KvCacheBytes)] = "--kv-cache-memory",
        [nameof(EngineOptions.StreamInterval)] = "--stream-interval",
        [nameof(SchedulerOptions.MaxBatchedTokens)] = "--max-batched-tokens",
        [nameof(SchedulerOptions.MaxNumSeqs)] = "--max-num-seqs",
        [nameof(SchedulerOptions.MaxQueue)] = "--max-queue",
        [nameof(SpeculativeOptions.DraftModel)] = "--draft-model",
        [nameof(SpeculativeOptions.NumSpeculativeTokens)] = "--num-speculative-tokens",
        [nameof(SecuritySettings.Auth)] = "--auth",
        [nameof(SecuritySettings.AuditRetentionDays)] = "--audit-retention-days",
        [nameof(Tenant.Name)] = "--tenant",
        [nameof(Tenant.Models)] = "--models",
        [nameof(Tenant.Guardrails)] = "--guardrails",
        [nameof(TenantLimits.RequestsPerMinute)] = "--rpm",
        [nameof(TenantLimits.TokensPerMinute)] = "--tpm",
        [nameof(TenantLimits.MaxConcurrent)] = "--max-concurrent",
        [nameof(TenantLimits.TokensPerDay)] = "--tokens-per-day",
        [nameof(TenantLimits.TokensPerMonth)] = "--tokens-per-month",
        [nameof(TenantLimits.MaxBodyBytes)] = "--max-body-bytes",
        [nameof(TenantLimits.MaxPromptTokens)] = "--max-prompt-tokens",
        [nameof(TenantLimits.MaxN)] = "--max-n",
        [nameof(TenantLimits.MaxTokens)] = "--max-tokens",
        [nameof(TenantLimits.TimeoutSeconds)] = "--timeout-seconds",
        [nameof(GatewayOptions.Replicas)] = "--replica",
        [nameof(GatewayOptions.Port)] = "--port",
        [nameof(GatewayOptions.Policy)] = "--policy",
        [nameof(GatewayOptions.BlockSize)] = "--block-size",
        [nameof(GatewayOptions.PrefixBlocks)] = "--prefix-blocks",
        [nameof(GatewayOptions.MaxRetries)] = "--max-retries",
        [nameof(GatewayOptions.Redis)] = "--redis",
    };

    /// <summary>Paths of <see cref="ServerOptions"/> that <see cref="ServerOptionsValidator"/> reports, and the flags of <c>serve</c>.</summary>
    private static readonly Dictionary<string, string> ByServerOption = new(StringComparer.Ordinal)
    {
        [nameof(ServerOptions.Port)] = "--port",
        [nameof(ServerOptions.Threads)] = "--threads",
        [nameof(ServerOptions.MaxBodyBytes)] = "--max-body-bytes",
        [nameof(ServerOptions.DrainSeconds)] = "--drain-seconds",
        [nameof(ServerOptions.Models)] = "--model",
        [nameof(ServerOptions.IdleUnloadSeconds)] = "--idle-unload-seconds",
        [nameof(ServerOptions.ModelMemoryBytes)] = "--model-memory",
        [nameof(ServerOptions.PipelineWorkers)] = "--pipeline-workers",
        [nameof(ServerOptions.PipelineTimeout)] = "--pipeline-timeout",
        [nameof(ServerOptions.PipelineTransport)] = "--pipeline-micro-batches / --activation-dtype",
        ["Drift.ReferenceRequests"] = "--drift-reference-requests",
        ["Drift.WindowRequests"] = "--drift-window-requests",
        ["Drift.Threshold"] = "--drift-threshold",
        [nameof(ServerOptions.LoraAdapters)] = "--lora",
        [nameof(ServerOptions.MaxLoras)] = "--max-loras",
        [nameof(ServerOptions.ChatTemplate)] = "--chat-template",
        ["Engine.StreamInterval"] = "--stream-interval",
        ["Engine.Scheduler." + nameof(SchedulerOptions.MaxBatchedTokens)] = "--max-batched-tokens",
        ["Engine.Scheduler." + nameof(SchedulerOptions.MaxNumSeqs)] = "--max-num-seqs",
        ["Engine.Scheduler." + nameof(SchedulerOptions.MaxQueue)] = "--max-queue",
        ["Security.AuditRetentionDays"] = "--audit-retention-days",
        ["Guardrails.Modes"] = "--guardrails",
        ["Guardrails.DenyTerms"] = "--guardrails-deny-terms",
        ["GuardModel.Path"] = "--guard-model",
        ["GuardModel.KvCacheBytes"] = "--guard-kv-cache-memory",
        ["GuardModel.StreamIntervalTokens"] = "--guard-model-stream-interval",
        [nameof(ServerOptions.Cascades)] = "--cascade",
        [nameof(ServerOptions.CascadeMinMeanLogProb)] = "--cascade-min-logprob",
        ["Costs.CpuWatts"] = "--cost-watts",
        ["Costs.GridGco2PerKwh"] = "--cost-grid-gco2-per-kwh",
        ["Costs.Prices"] = "--price-table",
    };

    /// <summary>A server option problem as <c>serve</c> says it: its flag, then the problem.</summary>
    public static string Describe(OptionProblem problem) =>
        $"{ByServerOption.GetValueOrDefault(problem.Option, problem.Option)} {problem.Message}";

    /// <summary>
    /// An option a library refused, said with its flag (<c>--rpm must be positive (got 0)</c>); null when the exception
    /// names no option the CLI has a flag for.
    /// </summary>
    public static string? Describe(ArgumentException e)
    {
        if (e.ParamName is not { } option || !ByParamName.TryGetValue(option, out var flag)) return null;
        // The runtime appends " (Parameter 'X')" (in its own language) to the problem; the flag in front replaces it.
        var suffix = new ArgumentException("", option).Message;
        var problem = e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
        return $"{flag} {problem}";
    }
}
