using Microsoft.AspNetCore.Builder;

namespace Gantry.Server.Access;

/// <summary>
/// The access rules as endpoint metadata: a route that needs a key (any, or an admin's) carries the matching
/// authorization policy and <see cref="AuditedEndpoint"/>, so it is authenticated, authorized and audited whatever its path.
/// </summary>
public static class AccessConventions
{
    /// <summary>Model routes: any active key (401 without one); audited.</summary>
    public static TBuilder RequireModelKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiKeyAuthentication.ModelPolicy).WithMetadata(AuditedEndpoint.Instance);

    /// <summary>Admin routes: an admin key (401 without a key, 403 with a user's); audited.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiKeyAuthentication.AdminPolicy).WithMetadata(AuditedEndpoint.Instance);
}
