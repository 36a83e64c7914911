namespace Gantry.Server.Security.Keys;

/// <summary>Who a key speaks for: the tenant's name, its role, the models it may use (empty: all) and its limits.</summary>
public sealed record Tenant(string Name, TenantRole Role, IReadOnlyList<string> Models, TenantLimits Limits)
{
    public bool MayUse(string model) => Models.Count == 0 || Models.Contains(model, StringComparer.Ordinal);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 128 || Name.Any(char.IsControl))
            throw new ArgumentException($"--tenant must be 1..128 printable characters (got '{Name}')");
        if (Models.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("--models must not contain empty names");
        Limits.Validate();
    }
}
