using Microsoft.Extensions.Logging;

namespace Gantry.Server.Protocol;

/// <summary>Source-generated log messages of error mapping. Never prompt or completion text.</summary>
internal static partial class ProtocolLog
{
    [LoggerMessage(5, LogLevel.Error, "Unhandled error on {Path}")]
    public static partial void Unhandled(ILogger logger, string path, Exception exception);
}
