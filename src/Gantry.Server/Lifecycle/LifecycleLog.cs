using Microsoft.Extensions.Logging;

namespace Gantry.Server.Lifecycle;

/// <summary>Source-generated log messages of model lifecycle events. Never prompt or completion text.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(1801, LogLevel.Information, "Model '{Name}' version '{Version}' loaded in {Seconds:F3} s ({Reason})")]
    public static partial void Loaded(ILogger logger, string name, string version, double seconds, string reason);

    [LoggerMessage(1802, LogLevel.Information, "Model '{Name}' version '{Version}' freed ({Reason}); KV blocks still held: {Held}")]
    public static partial void Freed(ILogger logger, string name, string version, string reason, int held);

    [LoggerMessage(1803, LogLevel.Information, "Model '{Name}': now serving {Versions}; retiring {Retired} after their in-flight requests")]
    public static partial void Routed(ILogger logger, string name, string versions, string retired);

    [LoggerMessage(1804, LogLevel.Information, "Registered model '{Name}' version '{Version}' ({Architecture}, {Quantization}, {Size} bytes, sha256 {Sha256})")]
    public static partial void Registered(ILogger logger, string name, string version, string architecture, string quantization, long size, string sha256);

    [LoggerMessage(1805, LogLevel.Warning, "Model '{Name}' version '{Version}' was freed holding {Held} KV blocks")]
    public static partial void Leaked(ILogger logger, string name, string version, int held);

    [LoggerMessage(1806, LogLevel.Warning, "Could not register the served model '{Name}' in the model registry: {Reason}")]
    public static partial void RegisterFailed(ILogger logger, string name, string reason);

    [LoggerMessage(1807, LogLevel.Warning, "Rollback of model '{Name}': version '{Version}' breached {Objective} ({Detail}); all traffic back to '{Stable}'")]
    public static partial void RolledBack(ILogger logger, string name, string version, string objective, string detail, string stable);

    [LoggerMessage(1808, LogLevel.Information, "Canary of model '{Name}': version '{Version}' now at weight {Weight}%")]
    public static partial void CanaryStep(ILogger logger, string name, string version, int weight);

    [LoggerMessage(1809, LogLevel.Information, "Model '{Name}': resumed from the state folder: {What}")]
    public static partial void Resumed(ILogger logger, string name, string what);

    [LoggerMessage(1810, LogLevel.Warning, "Model '{Name}': persisted traffic configuration not resumed: {Reason}")]
    public static partial void NotResumed(ILogger logger, string name, string reason);

    [LoggerMessage(1811, LogLevel.Warning, "Model '{Name}': could not persist its traffic configuration (a restart will not resume it): {Reason}")]
    public static partial void PersistFailed(ILogger logger, string name, string reason);
}
