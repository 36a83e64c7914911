using Gantry.Engine;
using Gantry.Models;
using Gantry.Server.Chat;

namespace Gantry.Server.Catalog;

/// <summary>A model the server answers for: its public name, its engine (one per model) and its chat renderer.</summary>
public sealed class ServedModel : IAsyncDisposable
{
    private readonly ILanguageModel? _draft;

    internal ServedModel(string name, ILanguageModel model, LlmEngine engine, IChatPromptRenderer chat, string description, ILanguageModel? draft = null)
    {
        _draft = draft;
        Name = name;
        Model = model;
        Engine = engine;
        Chat = chat;
        Description = description;
        Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public string Name { get; }

    /// <summary>The version label it serves as (the <c>x-gantry-model-version</c> header); set when it is routed.</summary>
    public string Version { get; internal set; } = "v1";

    /// <summary>The spec it was loaded from (null for a model a custom loader built): what a reload after an idle unload reads.</summary>
    internal Configuration.ModelSpec? Spec { get; init; }

    /// <summary>What it holds in memory, estimated: the file's bytes (mapped) plus its KV cache.</summary>
    public long MemoryBytes => Model.Info.WeightBytes + Engine.Stats.KvCacheBytes;

    public ILanguageModel Model { get; }

    public LlmEngine Engine { get; }

    internal IChatPromptRenderer Chat { get; }

    /// <summary>What <c>/v1/models</c> says about it (e.g. that the demo model has random weights).</summary>
    public string Description { get; }

    public long Created { get; }

    public int ContextLength => Model.Info.ContextLength;

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync().ConfigureAwait(false);
        _draft?.Dispose();
        Model.Dispose();
    }
}
