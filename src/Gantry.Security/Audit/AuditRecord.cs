namespace Gantry.Security.Audit;

/// <summary>
/// One request as the audit log keeps it. <see cref="Prompt"/> is null unless <c>--log-prompts</c> is on, and then it
/// holds the redacted text only. <see cref="ModelVersion"/> is the model version that served a generation request (the
/// <c>x-gantry-model-version</c> header), so feedback and exports join to it. <see cref="Guardrails"/> is a compact verdict list such as <c>input:injection:flag,output:pii:redact</c> (<c>GuardrailLedger</c>). <see cref="Cost"/> is what a generation request cost (null for other requests).
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset Time,
    string RequestId,
    string? KeyId,
    string? Tenant,
    string? Model,
    string Endpoint,
    int PromptTokens,
    int CompletionTokens,
    double LatencyMs,
    int Status,
    string? Guardrails,
    string? Client,
    string? Prompt = null,
    string? ModelVersion = null,
    Gantry.Engine.Costs.RequestCost? Cost = null);
