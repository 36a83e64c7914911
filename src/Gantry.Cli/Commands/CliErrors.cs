using Gantry.Models;

namespace Gantry.Cli.Commands;

/// <summary>Which exceptions are the user's input being wrong (reported in one line), and how to say so.</summary>
internal static class CliErrors
{
    public static bool IsExpected(Exception e) => e is ModelFormatException or FileNotFoundException or DirectoryNotFoundException
        or UnauthorizedAccessException or IOException or ArgumentException or FormatException or CliUsageException
        or Hub.HubException or HttpRequestException or Engine.QueueFullException or Gantry.Models.ChatTemplates.ChatTemplateException
        or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException or Gantry.Models.Lora.LoraAdapterException
        or Gantry.Models.ModelUnavailableException
        or Gantry.Models.Sharding.TensorSplitException;

    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException f => $"file not found: {f.FileName ?? f.Message}",
        ModelFormatException => "bad model file: " + e.Message,
        Gantry.Models.Lora.LoraAdapterException => "bad LoRA adapter: " + e.Message,
        Gantry.Models.Sharding.TensorSplitException => "cannot split the model: " + e.Message,
        System.Text.Json.JsonException => "bad JSON input: " + e.Message,
        ArgumentException a when OptionFlags.Describe(a) is { } withFlag => withFlag,
        Microsoft.Data.Sqlite.SqliteException => "state database: " + e.Message,
        _ => e.Message,
    };
}
