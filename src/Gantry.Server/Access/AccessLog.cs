using Microsoft.Extensions.Logging;

namespace Gantry.Server.Access;

/// <summary>Source-generated log messages of the server's access layer. They carry key ids and tenant names, never keys or prompts.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Request {RequestId} refused with {Status} ({Code}) for key {KeyId}")]
    public static partial void Refused(ILogger logger, string requestId, int status, string? code, string? keyId);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Key {KeyId} created for tenant {Tenant} through the admin API by key {AdminKeyId}")]
    public static partial void KeyCreated(ILogger logger, string keyId, string tenant, string? adminKeyId);

    [LoggerMessage(EventId = 704, Level = LogLevel.Information, Message = "Key {KeyId} revoked through the admin API by key {AdminKeyId}")]
    public static partial void KeyRevoked(ILogger logger, string keyId, string? adminKeyId);

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Key {KeyId} guardrails set to {Guardrails} through the admin API by key {AdminKeyId}")]
    public static partial void KeyUpdated(ILogger logger, string keyId, string guardrails, string? adminKeyId);
}
