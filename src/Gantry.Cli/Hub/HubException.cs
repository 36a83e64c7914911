namespace Gantry.Cli.Hub;

/// <summary>A download from the Hub failed in a way the user can act on (missing file, no access, bad checksum).</summary>
internal sealed class HubException(string message, int? statusCode = null) : Exception(message)
{
    /// <summary>The HTTP status that caused it, if any (401, 403, 404, …).</summary>
    public int? StatusCode { get; } = statusCode;
}
