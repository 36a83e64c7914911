using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;

namespace Gantry.Server.Catalog;

/// <summary>
/// A LoRA adapter the server answers for: requests name it as <c>NAME</c> or <c>BASE:NAME</c> and run on its base
/// model's engine with its deltas. Holds the adapter loaded for the base's current model instance and reloads it from
/// <see cref="Path"/> when the base is swapped or reloaded (an adapter is checked against one instance's shape).
/// </summary>
public sealed class ServedAdapter
{
    private readonly object _gate = new();
    private LoraSet _set;

    internal ServedAdapter(string name, string path, string baseName, LoraSet set)
    {
        Name = name;
        Path = path;
        BaseName = baseName;
        _set = set;
        Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public string Name { get; }

    public string Path { get; }

    /// <summary>The public name of the model it adapts (its <c>parent</c> in <c>/v1/models</c>).</summary>
    public string BaseName { get; }

    public long Created { get; }

    public int Rank => _set.Adapters[0].Adapter.Rank;

    /// <summary>The adapter for <paramref name="model"/>; throws <see cref="LoraAdapterException"/> when the file no longer fits it.</summary>
    internal LoraSet SetFor(ServedModel model)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_set.BaseShape, model.Model.LoraShape)) return _set;
            var shape = model.Model.LoraShape ?? throw new LoraAdapterException($"model '{model.Name}' cannot run LoRA adapters");
            return _set = new LoraSet(LoraAdapterLoader.Load(Path, shape, Name));
        }
    }
}
