using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.Models.Gguf;
using Gantry.Server.Chat;
using Gantry.Server.Configuration;
using Gantry.Server.Distributed;
using Gantry.Tensors.Threading;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Catalog;

/// <summary>Loads every configured model (or the built-in demo model, see <see cref="DemoModel"/>) into its own engine, all sharing one worker pool.</summary>
internal static class ModelCatalog
{
    public static IReadOnlyList<ServedModel> Load(ServerOptions options, WorkerPool pool, ILogger logger)
    {
        var specs = options.Models.Count == 0 ? [ModelSpec.BuiltIn(random: false)] : options.Models;
        var loaded = new List<ServedModel>();
        try
        {
            foreach (var spec in specs) loaded.Add(LoadSpec(spec, options, pool, logger));
        }
        catch
        {
            foreach (var m in loaded) m.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return loaded;
    }

    /// <summary>Loads one spec (a file, or a built-in demo model written to a temp file for the load) into its own engine.</summary>
    public static ServedModel LoadSpec(ModelSpec spec, ServerOptions options, WorkerPool pool, ILogger logger)
    {
        if (!spec.IsBuiltIn) return LoadOne(spec, null, options, pool, logger);
        if (spec.Name == DemoModel.RandomName) CatalogLog.DemoModel(logger, spec.Name);
        else CatalogLog.TrainedDemoModel(logger, spec.Name);
        var file = DemoModel.Write(spec);
        try
        {
            return LoadOne(file, DemoModel.Description(spec), options, pool, logger, spec);
        }
        finally
        {
            TryDelete(file.Path); // mapped already; on Windows the file stays until exit
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static ServedModel LoadOne(ModelSpec spec, string? demoDescription, ServerOptions options, WorkerPool pool, ILogger logger, ModelSpec? source = null)
    {
        var (engineOptions, draftPath) = (options.Engine, options.DraftModelPath);
        var file = GgufFile.Open(spec.Path);
        Models.ILanguageModel model;
        try
        {
            // With pipeline workers the blocks run there; this process keeps the engine, tokenizer and sampling.
            model = options.PipelineWorkers.Count > 0
                ? PipelineModel.Create(file, options.PipelineWorkers, options.PipelineTimeout, options.PipelineTransport)
                : ModelLoader.Load(file, pool, ownsFile: true, options.RepackWeights);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        Models.ILanguageModel? draft = null;
        try
        {
            if (draftPath is not null)
            {
                draft = ModelLoader.Load(draftPath, pool, options.RepackWeights);
                engineOptions = engineOptions with { Speculative = engineOptions.Speculative with { DraftModel = draft } };
            }
            var engine = new LlmEngine(model, engineOptions);
            var info = model.Info;
            var description = demoDescription ?? $"{info.Architecture} '{info.Name}', {info.ParameterCount:N0} parameters";
            var note = demoDescription is null ? "" : spec.Name == DemoModel.RandomName ? " (built in, RANDOM weights)" : " (built in)";
            CatalogLog.ModelLoaded(logger, spec.Name, demoDescription is null ? spec.Path : "the build", info.Architecture, info.ParameterCount, info.ContextLength, engine.Stats.BlocksTotal, note);
            var chat = ChatRenderers.For(file.Metadata, model.Tokenizer, options.ChatTemplate, out var problem);
            CatalogLog.ChatTemplate(logger, spec.Name, chat.Name, problem is null ? "" : $"(the template does not parse: {problem})");
            return new ServedModel(spec.Name, model, engine, chat, description, draft) { Spec = source ?? spec };
        }
        catch
        {
            draft?.Dispose();
            model.Dispose();
            throw;
        }
    }
}
