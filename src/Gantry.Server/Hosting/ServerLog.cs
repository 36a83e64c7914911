using Microsoft.Extensions.Logging;

namespace Gantry.Server.Hosting;

/// <summary>Source-generated log messages of the host's lifetime. Never prompt or completion text.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(3, LogLevel.Information, "Listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(4, LogLevel.Information, "Draining: no new requests; waiting up to {Seconds} s for {InFlight} in-flight requests")]
    public static partial void Draining(ILogger logger, int seconds, int inFlight);

    [LoggerMessage(6, LogLevel.Error, "Loading models failed")]
    public static partial void LoadFailed(ILogger logger, Exception exception);

    /// <summary>A load that failed on the operator's input (a missing or malformed file): the reason, no stack trace.</summary>
    [LoggerMessage(7, LogLevel.Error, "Loading models failed: {Reason}")]
    public static partial void LoadRefused(ILogger logger, string reason);
}
