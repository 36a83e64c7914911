namespace Gantry.Cli;

/// <summary>A command's arguments are inconsistent in a way the parser cannot see. It sits at the CLI's root because
/// commands and the helpers they call (bench, quantization) both throw it.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
