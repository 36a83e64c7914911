namespace Gantry.Security.Keys;

/// <summary>Who a key speaks for: the tenant's name, its role, the models it may use (empty: all), its limits and its guardrail modes.</summary>
public sealed record Tenant(string Name, TenantRole Role, IReadOnlyList<string> Models, TenantLimits Limits)
{
    /// <summary>
    /// Guardrail modes per check (<c>injection</c>, <c>pii</c>, <c>secrets</c>, <c>content</c>) laid over the server's
    /// <c>--guardrails</c> check by check; null or a check not named keeps the server's mode.
    /// </summary>
    public IReadOnlyDictionary<string, Gantry.Guardrails.Pipeline.GuardrailMode>? Guardrails { get; init; }

    public bool MayUse(string model) => Models.Count == 0 || Models.Contains(model, StringComparer.Ordinal);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 128 || Name.Any(char.IsControl))
            throw new ArgumentException($"must be 1..128 printable characters (got '{Name}')", nameof(Name));
        if (Models.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("must not contain empty names", nameof(Models));
        Limits.Validate();
        if (Guardrails is not null)
        {
            foreach (var name in Guardrails.Keys)
                if (!Gantry.Guardrails.Pipeline.GuardrailCheckNames.All.Contains(name))
                    throw new ArgumentException($"names an unknown check '{name}' (one of {string.Join(", ", Gantry.Guardrails.Pipeline.GuardrailCheckNames.All)})", nameof(Guardrails));
        }
    }
}
