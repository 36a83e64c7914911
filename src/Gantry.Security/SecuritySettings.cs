using System.Net;

namespace Gantry.Security;

/// <summary>What <c>gantry serve</c> was asked for about keys, limits and the audit log.</summary>
public sealed record SecuritySettings
{
    /// <summary>Folder of the state database; null uses <see cref="StateDatabase.DefaultDirectory"/>.</summary>
    public string? StateDir { get; init; }

    /// <summary>Null: <see cref="AuthMode.Keys"/> when any active key exists, else <see cref="AuthMode.None"/>.</summary>
    public AuthMode? Auth { get; init; }

    /// <summary>Keep redacted prompt text in the audit log.</summary>
    public bool LogPrompts { get; init; }

    public int AuditRetentionDays { get; init; } = 30;

    /// <summary>The mode to run in, refusing an open server on a non-loopback address.</summary>
    public AuthMode Resolve(bool anyKey, string host)
    {
        var mode = Auth ?? (anyKey ? AuthMode.Keys : AuthMode.None);
        if (mode == AuthMode.None && !IsLoopback(host))
            throw new ArgumentException($"--auth none is only allowed on a loopback address (got --host {host}); create a key with 'gantry keys create'");
        return mode;
    }

    public void Validate()
    {
        if (AuditRetentionDays < 1) throw new ArgumentException($"--audit-retention-days must be at least 1 (got {AuditRetentionDays})");
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
