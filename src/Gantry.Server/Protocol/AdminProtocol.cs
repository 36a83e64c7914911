using System.Text.Json.Serialization;

namespace Gantry.Server.Protocol;

/// <summary><c>POST /admin/keys</c>: the same fields as <c>gantry keys create</c>; <see cref="Guardrails"/> maps a check
/// (<c>injection</c>, <c>pii</c>, <c>secrets</c>, <c>content</c>, or <c>all</c>) to <c>off|flag|redact|block</c>.</summary>
public sealed record CreateKeyRequest(
    string? Tenant,
    string? Role = null,
    IReadOnlyList<string>? Models = null,
    int? Rpm = null,
    int? Tpm = null,
    int? MaxConcurrent = null,
    long? TokensPerDay = null,
    long? TokensPerMonth = null,
    long? MaxBodyBytes = null,
    int? MaxPromptTokens = null,
    int? MaxN = null,
    int? MaxTokens = null,
    int? TimeoutSeconds = null,
    IReadOnlyDictionary<string, string>? Guardrails = null);

/// <summary><c>PATCH /admin/keys/{id}</c>: replaces the key's guardrail modes; null or empty returns it to the server's.</summary>
public sealed record UpdateKeyRequest(IReadOnlyDictionary<string, string>? Guardrails = null);

/// <summary>A key as the admin API shows it; <see cref="Key"/> is set only in the answer to its creation.</summary>
public sealed record KeyInfo(
    string Id,
    string Tenant,
    string Role,
    IReadOnlyList<string> Models,
    long CreatedAt,
    long? RevokedAt,
    int? Rpm,
    int? Tpm,
    int? MaxConcurrent,
    long? TokensPerDay,
    long? TokensPerMonth,
    long? MaxBodyBytes,
    int? MaxPromptTokens,
    int? MaxN,
    int? MaxTokens,
    int? TimeoutSeconds,
    IReadOnlyDictionary<string, string>? Guardrails = null,
    string? Key = null);

public sealed record KeyList(IReadOnlyList<KeyInfo> Data, string Object = "list");

public sealed record RevokeResult(string Id, bool Revoked);

public sealed record UsageEntry(string Tenant, string Model, double Requests, double PromptTokens, double CompletionTokens, CostEntry? Cost = null);

/// <summary>
/// What requests cost (see <c>docs/costs.md</c>): estimated FLOPs and bytes read from the model's shape and tokens, the
/// engine's measured CPU seconds, energy at <c>--cost-watts</c>, carbon at <c>--cost-grid-gco2-per-kwh</c> and the
/// <c>--price-table</c> charge.
/// </summary>
public sealed record CostEntry(double Flops, double BytesRead, double CpuSeconds, double EnergyJoules, double CarbonGco2e, double Price)
{
    public static CostEntry? From(Gantry.Engine.Costs.RequestCost? cost) =>
        cost is { } c ? new CostEntry(c.Flops, c.BytesRead, c.CpuSeconds, c.Joules, c.GramsCo2e, c.Price) : null;
}

/// <summary>
/// <c>GET /admin/usage</c>. With <see cref="DpEpsilon"/> set the counts are noisy: ε-differentially private per request,
/// request counts with sensitivity 1 and token sums with sensitivity <see cref="TokenClamp"/> (each request's tokens clamped).
/// </summary>
public sealed record UsageReport(long Since, IReadOnlyList<UsageEntry> Data, double? DpEpsilon = null, long? TokenClamp = null, string Object = "list");

public sealed record AuditEntry(long Time, string RequestId, string? KeyId, string? Tenant, string? Model, string Endpoint,
    int PromptTokens, int CompletionTokens, double LatencyMs, int Status, string? Guardrails, string? Client, string? Prompt, string? ModelVersion = null, CostEntry? Cost = null);

public sealed record AuditList(IReadOnlyList<AuditEntry> Data, string Object = "list");

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(UpdateKeyRequest))]
[JsonSerializable(typeof(KeyInfo))]
[JsonSerializable(typeof(KeyList))]
[JsonSerializable(typeof(RevokeResult))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(AuditList))]
public sealed partial class AdminJson : JsonSerializerContext;
