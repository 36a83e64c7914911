using Microsoft.Extensions.Logging;

namespace Gantry.Server.Hosting;

/// <summary>Source-generated log messages. Never prompt or completion text.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Loaded model '{Name}' from {Path}: {Architecture}, {Parameters:N0} parameters, context {Context}, {Blocks} KV blocks{Note}")]
    public static partial void ModelLoaded(ILogger logger, string name, string path, string architecture, long parameters, int context, int blocks, string note);

    [LoggerMessage(2, LogLevel.Warning, "Serving the built-in demo model '{Name}' with RANDOM weights: its output is gibberish. Pass --model path.gguf to serve a real model.")]
    public static partial void DemoModel(ILogger logger, string name);

    [LoggerMessage(8, LogLevel.Information, "Serving the built-in demo model '{Name}' (stories260K, trained on TinyStories: it continues short stories). Pass --model path.gguf or hf://OWNER/REPO/FILE.gguf to serve a real model.")]
    public static partial void TrainedDemoModel(ILogger logger, string name);

    [LoggerMessage(3, LogLevel.Information, "Listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(4, LogLevel.Information, "Draining: no new requests; waiting up to {Seconds} s for {InFlight} in-flight requests")]
    public static partial void Draining(ILogger logger, int seconds, int inFlight);

    [LoggerMessage(5, LogLevel.Error, "Unhandled error on {Path}")]
    public static partial void Unhandled(ILogger logger, string path, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Model '{Name}' renders chats with template '{Template}' {Problem}")]
    public static partial void ChatTemplate(ILogger logger, string name, string template, string problem);

    [LoggerMessage(6, LogLevel.Error, "Loading models failed")]
    public static partial void LoadFailed(ILogger logger, Exception exception);
}
