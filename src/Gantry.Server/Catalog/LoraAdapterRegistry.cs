using System.Text.Json;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Server.Configuration;
using Gantry.Server.Protocol;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Catalog;

/// <summary>
/// The LoRA adapters the server answers for, loaded at start (<c>--lora NAME=PATH</c>) or at run time
/// (<c>POST /v1/load_lora_adapter</c>), at most <see cref="ServerOptions.MaxLoras"/> at once, each on the first served
/// model. The table is copied on write and swapped, so request handlers read it without locks. A singleton.
/// </summary>
public sealed class LoraAdapterRegistry(ModelRegistry models, IOptions<ServerOptions> options)
{
    private readonly object _write = new();
    private volatile Dictionary<string, ServedAdapter> _adapters = new(StringComparer.Ordinal);

    public int MaxLoras => options.Value.MaxLoras;

    public IReadOnlyCollection<ServedAdapter> Adapters => _adapters.Values;

    /// <summary>Loads <paramref name="path"/> as <paramref name="name"/> on the first served model; null on success, else the error to answer.</summary>
    internal ApiError? Load(string? name, string? path)
    {
        if (string.IsNullOrEmpty(name)) return ApiError.Missing("lora_name");
        if (string.IsNullOrEmpty(path)) return ApiError.Missing("lora_path");
        if (!LoraSpec.IsValidName(name)) return ApiError.Invalid("lora_name", $"adapter name '{name}' may hold letters, digits, '.', '_' and '-' only");
        if (models.TryGetRoute(name, out _)) return ApiError.Invalid("lora_name", $"'{name}' is already the name of a model");
        var baseRoute = models.Routes.FirstOrDefault();
        if (baseRoute is null || models.TryGet(baseRoute.Name, out var baseModel) is { } notLoaded)
            return ApiError.NotReady("No base model is loaded to put the adapter on");
        var shape = baseModel.Model.LoraShape;
        if (shape is null) return ApiError.Invalid("lora_path", $"model '{baseModel.Name}' cannot run LoRA adapters");
        LoraAdapter adapter;
        try
        {
            adapter = LoraAdapterLoader.Load(path, shape, name);
        }
        catch (LoraAdapterException e)
        {
            // The code names the kind of problem (lora_shape_mismatch, lora_unknown_module …) for clients that branch on it.
            return ApiError.Invalid("lora_path", e.Message) with { Code = "lora_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Error.ToString()) };
        }
        lock (_write)
        {
            if (_adapters.ContainsKey(name)) return ApiError.Invalid("lora_name", $"LoRA adapter '{name}' is already loaded");
            if (_adapters.Count >= MaxLoras) return ApiError.Invalid("lora_name", $"{_adapters.Count} LoRA adapters are loaded, the most this server allows; unload one first");
            _adapters = new Dictionary<string, ServedAdapter>(_adapters, StringComparer.Ordinal) { [name] = new ServedAdapter(name, path, baseModel.Name, new LoraSet(adapter)) };
        }
        return null;
    }

    /// <summary>Stops serving an adapter; requests already running with it finish with it.</summary>
    internal ApiError? Unload(string? name)
    {
        if (string.IsNullOrEmpty(name)) return ApiError.Missing("lora_name");
        lock (_write)
        {
            if (!_adapters.ContainsKey(name)) return new ApiError(404, "invalid_request_error", $"LoRA adapter '{name}' is not loaded", "lora_name", "lora_not_found");
            var next = new Dictionary<string, ServedAdapter>(_adapters, StringComparer.Ordinal);
            next.Remove(name);
            _adapters = next;
        }
        return null;
    }

    /// <summary>
    /// Reads a request's <c>model</c>: an adapter's own name or <c>BASE:ADAPTER</c> gives the base's name and the
    /// adapter; anything else is a model name, passed through. A <c>BASE:ADAPTER</c> whose base is not the adapter's is 404.
    /// </summary>
    internal ApiError? Resolve(string? requested, out string? modelName, out ServedAdapter? adapter)
    {
        modelName = requested;
        adapter = null;
        if (requested is null || _adapters.Count == 0) return null;
        var table = _adapters;
        if (table.TryGetValue(requested, out adapter))
        {
            modelName = adapter.BaseName;
            return null;
        }
        var colon = requested.LastIndexOf(':');
        if (colon <= 0 || models.TryGetRoute(requested, out _) || !table.TryGetValue(requested[(colon + 1)..], out var named)) return null;
        if (named.BaseName != requested[..colon]) return ApiError.ModelNotFound(requested);
        (modelName, adapter) = (named.BaseName, named);
        return null;
    }
}
