using System.Text.Json;

namespace Gantry.Cli.Commands;

/// <summary>The one stdin loop of the commands that read JSON Lines (<c>--jsonl</c>): guard, tokenize, chat-template.</summary>
internal static class JsonLines
{
    /// <summary>Each line of <paramref name="input"/> with its number (from 1); blank lines are left out when asked.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(TextReader input, bool skipBlank = false)
    {
        var n = 0;
        while (input.ReadLine() is { } line)
        {
            n++;
            if (skipBlank && string.IsNullOrWhiteSpace(line)) continue;
            yield return (n, line);
        }
    }

    /// <summary>Each line as a JSON string; a line that is not one ends the command (a JSON error, or null named by its line).</summary>
    public static IEnumerable<string> Strings(TextReader input)
    {
        foreach (var (n, line) in Lines(input))
            yield return JsonSerializer.Deserialize<string>(line) ?? throw new CliUsageException($"stdin line {n} is null, not a JSON string");
    }
}
