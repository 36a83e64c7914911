using System.CommandLine;
using System.Globalization;
using Gantry.Guardrails.Pipeline;
using Gantry.Security;
using Gantry.Security.Storage;

namespace Gantry.Cli.Commands;

/// <summary>Options shared by the commands that read or write the security state (keys, audit log).</summary>
internal static class SecurityOptions
{
    public static Option<string?> StateDir() => new("--state-dir")
    {
        Description = $"Folder of the keys and audit database (default: {StateDatabase.DefaultDirectory()})",
    };

    /// <summary><c>--guardrails injection=block,pii=redact</c> (checks: injection, pii, secrets, content, guard_model, all; modes: off|flag|redact|block).</summary>
    public static Option<string?> Guardrails(string description) => new("--guardrails")
    {
        Description = description + ": CHECK=MODE,… with CHECK injection|pii|secrets|content|guard_model|all and MODE off|flag|redact|block",
    };

    /// <summary>Parses a <c>--guardrails</c> value; null stays null. A bad spec is a usage error (exit 2).</summary>
    public static IReadOnlyDictionary<string, GuardrailMode>? ParseGuardrails(string? spec)
    {
        if (spec is null) return null;
        try
        {
            return GuardrailModeSpec.Parse(spec);
        }
        catch (FormatException e)
        {
            throw new CliUsageException("--" + e.Message);
        }
    }

    public static Option<string> Since() => new("--since")
    {
        Description = "Start of the period: an ISO-8601 time (2026-03-14, 2026-03-14T12:00Z) or an age such as 30m, 24h, 7d",
        DefaultValueFactory = _ => "24h",
    };

    /// <summary>Parses <c>--since</c> against <paramref name="now"/>: an age (<c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c>) or an absolute time (UTC unless it says otherwise).</summary>
    public static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        if (text.Length >= 2 && char.IsAsciiLetter(text[^1]) && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            var unit = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                _ => throw new FormatException($"--since: unknown unit '{text[^1]}' (use s, m, h or d)"),
            };
            return now - unit * n;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        throw new FormatException($"--since must be an ISO-8601 time or an age like 24h (got '{text}')");
    }
}
