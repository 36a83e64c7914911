namespace Gantry.Server.Configuration;

/// <summary>
/// One thing wrong with <see cref="ServerOptions"/>: the option's path (<c>Port</c>, <c>Engine.StreamInterval</c>,
/// <c>Security.AuditRetentionDays</c>) and what is wrong with it, phrased without any command-line spelling so each
/// front end (the CLI's flags, a configuration file's keys) can name the option its own way.
/// </summary>
public sealed record OptionProblem(string Option, string Message)
{
    public override string ToString() => $"{Option} {Message}";
}
