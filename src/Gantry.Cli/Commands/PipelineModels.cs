using Gantry.Models;
using Gantry.Models.Gguf;
using Gantry.Server.Distributed;

namespace Gantry.Cli.Commands;

/// <summary>Opens a <see cref="PipelineModel"/> for a one-shot command and waits until every stage has loaded and answers.</summary>
internal static class PipelineModels
{
    /// <summary>How long a one-shot command waits for its stages to load (a 1B model maps in seconds; spawning takes a few).</summary>
    private static readonly TimeSpan StartupWait = TimeSpan.FromMinutes(2);

    public static ILanguageModel Connect(string path, IReadOnlyList<Uri> stages, TimeSpan timeout, PipelineTransport? transport = null)
    {
        var file = GgufFile.Open(path);
        try
        {
            return new PipelineModel(file, stages, timeout, transport);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Blocks until the stages answer; call after the engine has made its KV cache (the stages need its shape).</summary>
    public static void WaitForStages(ILanguageModel model, Pipeline.LocalPipeline? spawned = null)
    {
        if (model is PipelineModel p && p.WaitUntilReady(StartupWait, spawned is null ? null : spawned.Exited) is { } problem)
            throw new ModelUnavailableException("the pipeline stages did not come up: " + problem);
    }
}
