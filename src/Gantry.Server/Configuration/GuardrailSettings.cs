using Gantry.Guardrails.Pipeline;

namespace Gantry.Server.Configuration;

/// <summary>
/// What the server was asked for about guardrails: the modes for requests whose key names none (and for
/// every request without authentication), and the deny-list terms of the content check. A key's own modes
/// (<see cref="Gantry.Security.Keys.Tenant.Guardrails"/>) are laid over <see cref="Modes"/> check by check.
/// </summary>
public sealed record GuardrailSettings
{
    /// <summary>
    /// The default: every check in <see cref="GuardrailMode.Flag"/>. Verdicts reach the audit log and metrics, and
    /// honest traffic is never blocked or rewritten; flag-only output is passed through without a hold-back window,
    /// so streaming latency is unchanged.
    /// </summary>
    public static IReadOnlyDictionary<string, GuardrailMode> FlagAll { get; } =
        GuardrailCheckNames.All.ToDictionary(n => n, _ => GuardrailMode.Flag);

    /// <summary>Mode per built-in check; a check not named is off.</summary>
    public IReadOnlyDictionary<string, GuardrailMode> Modes { get; init; } = FlagAll;

    /// <summary>Terms the content check matches (whole words, case-insensitive), flagged as <c>deny_list</c>.</summary>
    public IReadOnlyList<string> DenyTerms { get; init; } = [];

    /// <summary>Characters a redacting or blocking output guard holds back while streaming (see <see cref="GuardrailPolicy.StreamHoldBackChars"/>).</summary>
    public int StreamHoldBackChars { get; init; } = GuardrailPolicy.Default.StreamHoldBackChars;


    /// <summary>The server's base policy: <see cref="Modes"/> for every built-in check, the deny-list, the library's other defaults.</summary>
    public GuardrailPolicy ToPolicy() => GuardrailPolicy.Default with
    {
        Modes = GuardrailCheckNames.All.ToDictionary(n => n, n => Modes.TryGetValue(n, out var m) ? m : GuardrailMode.Off),
        DenyTerms = DenyTerms,
        StreamHoldBackChars = StreamHoldBackChars,
    };

    /// <summary>Reads a deny-list file: one term per line; blank lines and lines starting with <c>#</c> are skipped.</summary>
    public static IReadOnlyList<string> ReadDenyTerms(string path) =>
        [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Distinct(StringComparer.OrdinalIgnoreCase)];
}
