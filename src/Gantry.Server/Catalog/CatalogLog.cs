using Microsoft.Extensions.Logging;

namespace Gantry.Server.Catalog;

/// <summary>Source-generated log messages of model loading. Never prompt or completion text.</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(1, LogLevel.Information, "Loaded model '{Name}' from {Path}: {Architecture}, {Parameters:N0} parameters, context {Context}, {Blocks} KV blocks{Note}")]
    public static partial void ModelLoaded(ILogger logger, string name, string path, string architecture, long parameters, int context, int blocks, string note);

    [LoggerMessage(2, LogLevel.Warning, "Serving the built-in demo model '{Name}' with RANDOM weights: its output is gibberish. Serve a GGUF model file for real output.")]
    public static partial void DemoModel(ILogger logger, string name);

    [LoggerMessage(8, LogLevel.Information, "Serving the built-in demo model '{Name}' (stories260K, trained on TinyStories: it continues short stories). Serve a GGUF model file (a path or hf://OWNER/REPO/FILE.gguf) for a real model.")]
    public static partial void TrainedDemoModel(ILogger logger, string name);

    [LoggerMessage(7, LogLevel.Information, "Model '{Name}' renders chats with template '{Template}' {Problem}")]
    public static partial void ChatTemplate(ILogger logger, string name, string template, string problem);
}
