using Microsoft.Extensions.Logging;

namespace Gantry.Security;

/// <summary>Source-generated log messages of the security layer. They carry key ids and tenant names, never keys or prompts.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Authentication is off (auth mode none): anyone who can reach {Host} may use every model and admin endpoint")]
    public static partial void AuthDisabled(ILogger logger, string host);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Authentication: API keys from {Path}")]
    public static partial void AuthKeys(ILogger logger, string path);





    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "Audit log: pruned {Count} records older than {Days} days")]
    public static partial void Pruned(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 706, Level = LogLevel.Error, Message = "Audit record for request {RequestId} could not be written")]
    public static partial void AuditFailed(ILogger logger, string requestId, Exception error);

    [LoggerMessage(EventId = 707, Level = LogLevel.Warning, Message = "Key authentication is on but no active key exists: every model request will get 401 until a key is created")]
    public static partial void NoKeys(ILogger logger);
}
