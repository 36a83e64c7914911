using System.Globalization;
using System.Runtime.InteropServices;
using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Lora.Loading;

/// <summary>
/// Reads a GGUF LoRA adapter as llama.cpp's <c>convert_lora_to_gguf</c> writes it and checks it against a base model:
/// <c>general.type = adapter</c>, <c>adapter.type = lora</c>, <c>general.architecture</c> equal to the base's,
/// <c>adapter.lora.alpha</c> (optional), and for each adapted matrix <c>W</c> (GGUF shape [in, out]) a pair
/// <c>W.lora_a</c> of shape [in, rank] and <c>W.lora_b</c> of shape [rank, out]. Every problem is one
/// <see cref="LoraAdapterException"/> naming the key or tensor; the file is read once and closed. A directory (or a
/// <c>.safetensors</c> file beside an <c>adapter_config.json</c>) is a PEFT adapter, read by <see cref="PeftAdapterLoader"/>,
/// so every place that takes an adapter path takes either format.
/// </summary>
public static class LoraAdapterLoader
{
    public static LoraAdapter Load(string path, LoraBaseShape baseShape, string? name = null)
    {
        if (PeftAdapterLoader.IsPeftPath(path)) return PeftAdapterLoader.Load(path, baseShape, name);
        if (!File.Exists(path)) throw new LoraAdapterException(LoraAdapterError.FileNotFound, $"LoRA adapter file '{path}' does not exist");
        GgufFile file;
        try
        {
            file = GgufFile.Open(path);
        }
        catch (ModelFormatException e)
        {
            throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"LoRA adapter '{path}' is not a readable GGUF file: {e.Message}", e);
        }
        using (file) return Load(file, baseShape, name ?? Path.GetFileNameWithoutExtension(path));
    }

    public static LoraAdapter Load(GgufFile file, LoraBaseShape baseShape, string name)
    {
        var meta = file.Metadata;
        var type = Text(meta, "general.type");
        if (type != "adapter") throw new LoraAdapterException($"'{file.Path}': general.type is '{type ?? "(missing)"}'; a LoRA adapter has 'adapter'");
        var adapterType = Text(meta, "adapter.type");
        if (adapterType != "lora") throw new LoraAdapterException($"'{file.Path}': adapter.type is '{adapterType ?? "(missing)"}'; only 'lora' is supported");
        var arch = Text(meta, "general.architecture");
        if (arch != baseShape.Architecture)
            throw new LoraAdapterException(LoraAdapterError.ArchitectureMismatch, $"'{file.Path}': the adapter is for architecture '{arch ?? "(missing)"}' but the base model is '{baseShape.Architecture}'");
        float alpha;
        try
        {
            alpha = meta.GetFloat("adapter.lora.alpha", 0f);
        }
        catch (ModelFormatException e)
        {
            throw new LoraAdapterException($"'{file.Path}': adapter.lora.alpha is not a number", e);
        }
        if (!float.IsFinite(alpha) || alpha < 0) throw new LoraAdapterException($"'{file.Path}': adapter.lora.alpha is {alpha}; it must be a finite number ≥ 0");

        var weights = new LoraWeights?[baseShape.LayerCount * LoraTargets.Count];
        var pairs = Pair(file);
        if (pairs.Count == 0) throw new LoraAdapterException($"'{file.Path}' holds no lora_a/lora_b tensor pairs");
        var located = pairs.Select(p => (p.Key, p.Value.A, p.Value.B, Slot: Locate(p.Key, baseShape))).ToArray();
        var mapped = new MappedAdapterFile(file.Path); // F32 lora_a tensors are used in place (see MappedAdapterFile)
        // Reading is a copy (or decode), a finiteness check and B's transpose per pair: independent, so spread over
        // the cores, which keeps a rank-16 adapter of a 1B model well under the 100 ms load target.
        try
        {
            Parallel.ForEach(located, p =>
                weights[p.Slot.Layer * LoraTargets.Count + (int)p.Slot.Target] = Read(file, mapped, p.Key, p.A, p.B, baseShape.Target(p.Slot.Target)!.Value));
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is LoraAdapterException first)
        {
            throw first;
        }
        return new LoraAdapter(name, baseShape, alpha, weights);
    }

    private static string? Text(GgufMetadata meta, string key) =>
        meta.TryGetValue(key, out var v) ? v.Value as string : null;

    /// <summary>Groups <c>X.lora_a</c> with <c>X.lora_b</c> by X, refusing any other tensor and any half pair.</summary>
    private static SortedDictionary<string, (GgufTensorInfo A, GgufTensorInfo B)> Pair(GgufFile file)
    {
        var a = new Dictionary<string, GgufTensorInfo>();
        var b = new Dictionary<string, GgufTensorInfo>();
        foreach (var t in file.Tensors)
        {
            if (t.Name.EndsWith(".lora_a", StringComparison.Ordinal)) a[t.Name[..^7]] = t;
            else if (t.Name.EndsWith(".lora_b", StringComparison.Ordinal)) b[t.Name[..^7]] = t;
            else throw new LoraAdapterException($"'{file.Path}': tensor '{t.Name}' is neither a .lora_a nor a .lora_b tensor");
        }
        var pairs = new SortedDictionary<string, (GgufTensorInfo, GgufTensorInfo)>(StringComparer.Ordinal);
        foreach (var (name, ta) in a)
        {
            if (!b.TryGetValue(name, out var tb)) throw new LoraAdapterException(LoraAdapterError.MissingTensor, $"'{file.Path}': tensor '{name}.lora_a' has no '{name}.lora_b'");
            pairs[name] = (ta, tb);
        }
        foreach (var name in b.Keys)
            if (!a.ContainsKey(name)) throw new LoraAdapterException(LoraAdapterError.MissingTensor, $"'{file.Path}': tensor '{name}.lora_b' has no '{name}.lora_a'");
        return pairs;
    }

    /// <summary>Parses <c>blk.N.attn_q.weight</c> into (N, Query), refusing tensors the base has not or cannot adapt.</summary>
    private static (int Layer, LoraTarget Target) Locate(string baseName, LoraBaseShape shape)
    {
        var parts = baseName.Split('.');
        if (parts.Length != 4 || parts[0] != "blk" || parts[3] != "weight" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var layer))
            throw new LoraAdapterException($"LoRA tensor '{baseName}': only per-layer weight matrices (blk.N.*.weight) can be adapted");
        if (layer >= shape.LayerCount) throw new LoraAdapterException(LoraAdapterError.ArchitectureMismatch, $"LoRA tensor '{baseName}' does not exist in the base model (it has {shape.LayerCount} layers)");
        if (!LoraTargets.TryParse(parts[2], out var target) || shape.Target(target) is null)
            throw new LoraAdapterException(LoraAdapterError.UnknownModule, $"LoRA tensor '{baseName}' does not exist in the base model or cannot be adapted there");
        return (layer, target);
    }

    private static LoraWeights Read(GgufFile file, MappedAdapterFile mapped, string baseName, GgufTensorInfo a, GgufTensorInfo b, (int In, int Out) dims)
    {
        if (a.Shape.Length != 2 || b.Shape.Length != 2)
            throw new LoraAdapterException($"LoRA tensors of '{baseName}' must be 2-D; they have shapes [{string.Join(", ", a.Shape)}] and [{string.Join(", ", b.Shape)}]");
        var rank = a.Shape[1];
        if (a.Shape[0] != dims.In || b.Shape[1] != dims.Out)
            throw new LoraAdapterException(LoraAdapterError.ShapeMismatch, $"LoRA tensor '{baseName}' has incorrect shape: lora_a [{string.Join(", ", a.Shape)}] and lora_b [{string.Join(", ", b.Shape)}] do not fit the base's [{dims.In}, {dims.Out}]");
        if (b.Shape[0] != rank)
            throw new LoraAdapterException(LoraAdapterError.ShapeMismatch, $"LoRA tensor '{baseName}': lora_a has rank {rank} but lora_b has {b.Shape[0]} (is lora_a transposed?)");
        if (rank < 1 || rank > 4096) throw new LoraAdapterException($"LoRA tensor '{baseName}' has rank {rank}; expected 1…4096");
        var r = (int)rank;
        ReadOnlyMemory<float> aValues;
        if (a.Type == GgmlType.F32)
        {
            aValues = mapped.Floats(file.DataOffset + a.DataOffset, r * dims.In);
            LoraDeltas.CheckFinite(aValues.Span, a.Name);
        }
        else
        {
            aValues = Floats(file, a, r * dims.In);
        }
        // (out, rank) as stored; F32 (convert_lora_to_gguf's usual output) is transposed straight from the mapping.
        ReadOnlySpan<float> bValues = b.Type == GgmlType.F32 ? MemoryMarshal.Cast<byte, float>(file.TensorData(b)) : Floats(file, b, dims.Out * r);
        if (bValues.Length != dims.Out * r) throw new LoraAdapterException($"LoRA tensor '{b.Name}' holds {bValues.Length} values; expected {dims.Out * r}");
        LoraDeltas.CheckFinite(bValues, b.Name);
        return new LoraWeights(aValues, LoraDeltas.Transpose(bValues, r, dims.Out), r, dims.In, dims.Out);
    }

    private static float[] Floats(GgufFile file, GgufTensorInfo t, int count)
    {
        if (!Dequantize.IsSupported(t.Type)) throw new LoraAdapterException(LoraAdapterError.UnsupportedDtype, $"LoRA tensor '{t.Name}' has type {t.Type}, which Gantry cannot read");
        var values = GC.AllocateUninitializedArray<float>(count);
        try
        {
            Dequantize.Row(t.Type, file.TensorData(t), values);
        }
        catch (ArgumentException e)
        {
            throw new LoraAdapterException($"LoRA tensor '{t.Name}' ({t.Type}) cannot be read as {count} values", e);
        }
        LoraDeltas.CheckFinite(values, t.Name);
        return values;
    }
}
