namespace Gantry.Security.Keys;

/// <summary>What a key may do: <c>user</c> calls the model endpoints; <c>admin</c> also manages keys and reads audit and usage.</summary>
public enum TenantRole
{
    User,
    Admin,
}

public static class TenantRoles
{
    public static string Name(TenantRole role) => role == TenantRole.Admin ? "admin" : "user";

    public static TenantRole Parse(string text) => text switch
    {
        "user" => TenantRole.User,
        "admin" => TenantRole.Admin,
        _ => throw new ArgumentException($"role must be 'user' or 'admin' (got '{text}')"),
    };
}
