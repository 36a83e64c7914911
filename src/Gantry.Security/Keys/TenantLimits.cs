namespace Gantry.Security.Keys;

/// <summary>
/// The limits a key carries; null means unlimited. Rates are per minute; quotas count prompt + completion tokens per
/// UTC day and UTC month. The hardening limits (body, prompt tokens, n, max_tokens, wall clock) bound one request.
/// </summary>
public sealed record TenantLimits
{
    public int? RequestsPerMinute { get; init; }
    public int? TokensPerMinute { get; init; }
    public int? MaxConcurrent { get; init; }
    public long? TokensPerDay { get; init; }
    public long? TokensPerMonth { get; init; }
    public long? MaxBodyBytes { get; init; }
    public int? MaxPromptTokens { get; init; }
    public int? MaxN { get; init; }
    public int? MaxTokens { get; init; }
    public int? TimeoutSeconds { get; init; }

    public static readonly TenantLimits Unlimited = new();

    public void Validate()
    {
        Positive(RequestsPerMinute, nameof(RequestsPerMinute));
        Positive(TokensPerMinute, nameof(TokensPerMinute));
        Positive(MaxConcurrent, nameof(MaxConcurrent));
        Positive(TokensPerDay, nameof(TokensPerDay));
        Positive(TokensPerMonth, nameof(TokensPerMonth));
        Positive(MaxBodyBytes, nameof(MaxBodyBytes));
        Positive(MaxPromptTokens, nameof(MaxPromptTokens));
        Positive(MaxN, nameof(MaxN));
        Positive(MaxTokens, nameof(MaxTokens));
        Positive(TimeoutSeconds, nameof(TimeoutSeconds));
    }

    private static void Positive(long? value, string limit)
    {
        if (value is <= 0) throw new ArgumentException($"must be positive (got {value})", limit);
    }
}
