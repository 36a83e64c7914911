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
            throw new ArgumentException($"'none' is only allowed on a loopback address (the server listens on {host}); create an API key first", nameof(Auth));
        return mode;
    }

    public void Validate()
    {
        if (AuditRetentionDays < 1) throw new ArgumentException($"must be at least 1 (got {AuditRetentionDays})", nameof(AuditRetentionDays));
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
