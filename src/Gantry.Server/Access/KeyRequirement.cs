using System.Security.Claims;
using Gantry.Security;
using Microsoft.AspNetCore.Authorization;

namespace Gantry.Server.Access;

/// <summary>The requirement behind both policies: a key, and for admin routes an admin key.</summary>
internal sealed record KeyRequirement(bool AdminOnly) : IAuthorizationRequirement;

/// <summary>
/// Decides <see cref="KeyRequirement"/>: met by anyone when authentication is off; otherwise by an authenticated key
/// (of role admin where asked). Unmet without a key, the authorization middleware challenges (401); unmet with one,
/// it forbids (403).
/// </summary>
internal sealed class KeyRequirementHandler(SecurityServices security) : AuthorizationHandler<KeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, KeyRequirement requirement)
    {
        var user = context.User;
        var authenticated = user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiKeyAuthentication.Scheme);
        if (security.Mode == AuthMode.None || (authenticated && (!requirement.AdminOnly || user.IsInRole("admin")))) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
