using System.Security.Claims;
using System.Text.Encodings.Web;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Access;

/// <summary>
/// The API-key scheme: finds the key a request presents, puts it (and its limiter) on the request's
/// <see cref="RequestSecurity"/>, and answers a challenge with 401 and a forbid with 403 in OpenAI's error JSON.
/// With authentication off it authenticates nobody and the policies let everyone in (<see cref="KeyRequirementHandler"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, SecurityServices security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (security.Mode == AuthMode.None || PresentedKey(Request) is not { } presented) return Task.FromResult(AuthenticateResult.NoResult());
        if (security.Keys.Authenticate(presented) is not { } key) return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        if (Context.Features.Get<RequestSecurity>() is { } sec)
        {
            sec.Key = key;
            sec.Limiter = security.Limiters.For(key);
        }
        var role = key.Tenant.Role == TenantRole.Admin ? "admin" : "user";
        var identity = new ClaimsIdentity([new Claim(ApiKeyAuthentication.KeyIdClaim, key.Id.Value), new Claim(ClaimTypes.Role, role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        RefuseAsync(PresentedKey(Request) is null ? SecurityError.MissingKey() : SecurityError.InvalidKey());

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RefuseAsync(SecurityError.AdminRequired());

    private Task RefuseAsync(SecurityError error)
    {
        var sec = Context.Features.Get<RequestSecurity>();
        AccessLog.Refused(Logger, sec?.RequestId ?? "", error.Status, error.Code, sec?.Key?.Id.Value);
        return ErrorWriter.WriteAsync(Context, ErrorMapper.Map(error));
    }

    /// <summary><c>Authorization: Bearer KEY</c> as OpenAI clients send it, or <c>x-api-key: KEY</c>.</summary>
    private static string? PresentedKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.FirstOrDefault();
        if (auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        return request.Headers["x-api-key"].FirstOrDefault();
    }
}
