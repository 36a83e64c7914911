using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.Models.Gguf;
using Gantry.Server.Chat;
using Gantry.Server.Configuration;
using Gantry.Tensors.Threading;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Catalog;

/// <summary>Loads every configured model (or the demo model) into its own engine, all sharing one worker pool.</summary>
internal static class ModelCatalog
{
    public static IReadOnlyList<ServedModel> Load(ServerOptions options, WorkerPool pool, ILogger logger)
    {
        var specs = options.Models;
        var demo = specs.Count == 0;
        if (demo)
        {
            specs = [DemoModel.Write()];
            CatalogLog.DemoModel(logger, DemoModel.Name);
        }
        var loaded = new List<ServedModel>();
        try
        {
            foreach (var spec in specs) loaded.Add(LoadOne(spec, demo, options.Engine, options.DraftModelPath, pool, logger));
            if (demo) TryDelete(specs[0].Path); // mapped already; on Windows the file stays until exit
        }
        catch
        {
            foreach (var m in loaded) m.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return loaded;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static ServedModel LoadOne(ModelSpec spec, bool demo, EngineOptions engineOptions, string? draftPath, WorkerPool pool, ILogger logger)
    {
        var file = GgufFile.Open(spec.Path);
        Models.Runtime.ILanguageModel model;
        try
        {
            model = ModelLoader.Load(file, pool, ownsFile: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        Models.Runtime.ILanguageModel? draft = null;
        try
        {
            if (draftPath is not null)
            {
                draft = ModelLoader.Load(draftPath, pool);
                engineOptions = engineOptions with { Speculative = engineOptions.Speculative with { DraftModel = draft } };
            }
            var engine = new LlmEngine(model, engineOptions);
            var info = model.Info;
            var description = demo ? DemoModel.Description : $"{info.Architecture} '{info.Name}', {info.ParameterCount:N0} parameters";
            CatalogLog.ModelLoaded(logger, spec.Name, spec.Path, info.Architecture, info.ParameterCount, info.ContextLength, engine.Stats.BlocksTotal, demo ? " (RANDOM weights)" : "");
            var chat = ChatRenderers.For(file.Metadata, model.Tokenizer, out var problem);
            CatalogLog.ChatTemplate(logger, spec.Name, chat.Name, problem is null ? "" : $"(the file's template does not parse: {problem})");
            return new ServedModel(spec.Name, model, engine, chat, description, draft);
        }
        catch
        {
            draft?.Dispose();
            model.Dispose();
            throw;
        }
    }
}
