using System.Collections.Concurrent;
using Gantry.Guardrails.Pipeline;
using Gantry.Security.Keys;
using Gantry.Server.Configuration;
using Prometheus;

namespace Gantry.Server.Guardrails;

/// <summary>
/// The guardrails of one running server: the base policy from <see cref="GuardrailSettings"/> and one cached
/// <see cref="GuardrailPolicy"/> per distinct set of modes (a policy precomputes its content matcher, so it is built
/// once, not per request). At most 4^4 mode combinations exist, so the cache is bounded. Shared by all request threads.
/// </summary>
internal sealed class ServerGuardrails
{
    private readonly ConcurrentDictionary<string, GuardrailPolicy> _policies = new(StringComparer.Ordinal);
    private readonly Counter _verdicts;

    public ServerGuardrails(GuardrailSettings settings, Counter verdicts)
    {
        Base = settings.ToPolicy();
        _verdicts = verdicts;
    }

    /// <summary>The policy for requests whose key names no modes, and for every request without a key.</summary>
    public GuardrailPolicy Base { get; }

    /// <summary>The policy for a request: the key's modes over the base, check by check.</summary>
    public GuardrailPolicy PolicyFor(KeyRecord? key)
    {
        if (key?.Tenant.Guardrails is not { } overrides) return Base;
        var modes = GuardrailModeSpec.ApplyTo(Base, overrides);
        return _policies.GetOrAdd(GuardrailModeSpec.Format(modes), static (_, s) => s.Base with { Modes = s.Modes }, (Base, Modes: modes));
    }

    /// <summary>A fresh per-request record of verdicts, counted into <c>gantry_guardrail_verdicts_total</c>.</summary>
    public GuardrailLedger NewLedger() => new(_verdicts);

    /// <summary>Whether any check of <paramref name="stage"/> runs under <paramref name="policy"/>.</summary>
    public static bool Runs(GuardrailPolicy policy, GuardrailStage stage) =>
        GuardrailPipelines.For(stage).Checks.Any(c => policy.ModeFor(c.Name) != GuardrailMode.Off);

    /// <summary>Whether output text may be rewritten or cut (some output check redacts or blocks), so a stream must hold text back.</summary>
    public static bool HoldsOutput(GuardrailPolicy policy) =>
        GuardrailPipelines.Output.Checks.Any(c => policy.ModeFor(c.Name) >= GuardrailMode.Redact);
}
