using Gantry.Guardrails.Pipeline;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;

namespace Gantry.Server.Guardrails;

/// <summary>
/// The input stage of one request: runs the input pipeline over each prompt text as validation meets it (before
/// tokenization and so before admission to the engine), records verdicts, refuses on block and hands back the
/// redacted text on redact. Owned by the request's flow.
/// </summary>
internal sealed class InputGuard(GuardrailPolicy policy, GuardrailLedger ledger)
{
    /// <summary>The filter for <see cref="RequestValidator"/>, or null when no input check runs under <paramref name="policy"/>.</summary>
    public static PromptFilter? For(GuardrailPolicy policy, GuardrailLedger ledger) =>
        ServerGuardrails.Runs(policy, GuardrailStage.Input) ? new InputGuard(policy, ledger).Filter : null;

    public ApiError? Filter(string param, ref string text)
    {
        using var span = Telemetry.GantryTelemetry.StartGuardrails(Telemetry.GantryTelemetry.InputGuardrailsSpan);
        var verdict = GuardrailPipelines.Input.Evaluate(text, policy);
        ledger.Record(GuardrailStage.Input, verdict, policy);
        if (verdict.IsBlocked) return GuardrailErrors.Input(param, verdict);
        text = verdict.Redacted; // the same string when nothing was redacted
        return null;
    }
}
