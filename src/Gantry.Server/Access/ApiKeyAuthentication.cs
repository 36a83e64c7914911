namespace Gantry.Server.Access;

/// <summary>
/// Names of the server's authentication scheme and authorization policies. Model routes carry <see cref="ModelPolicy"/>,
/// admin routes <see cref="AdminPolicy"/> (endpoint metadata, set where the routes are mapped); other routes carry none.
/// </summary>
public static class ApiKeyAuthentication
{
    /// <summary><c>Authorization: Bearer KEY</c> or <c>x-api-key: KEY</c>, checked against the key store.</summary>
    public const string Scheme = "GantryApiKey";

    /// <summary>Any active key (or none at all when authentication is off).</summary>
    public const string ModelPolicy = "gantry-model";

    /// <summary>An admin key (or none at all when authentication is off).</summary>
    public const string AdminPolicy = "gantry-admin";

    /// <summary>The claim type of the key's id; its role goes in the standard role claim.</summary>
    public const string KeyIdClaim = "gantry_key_id";
}
