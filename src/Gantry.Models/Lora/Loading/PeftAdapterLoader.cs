using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using Gantry.Models.Safetensors;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Lora.Loading;

/// <summary>
/// Reads a PEFT LoRA adapter directory (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>, as
/// <c>PeftModel.save_pretrained</c> writes it) and checks it against a base model. Tensors are named
/// <c>base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight</c> (q/k/v/o under <c>self_attn</c>,
/// gate/up/down under <c>mlp</c>); lora_A is (r, in) and lora_B (out, r), PyTorch's row-major order, which is the
/// engine's own layout, so F32 bytes are read straight into the delta's arrays. The scale is <c>lora_alpha / r</c>
/// (<c>/ √r</c> with <c>use_rslora</c>). Every problem is one <see cref="LoraAdapterException"/> whose
/// <see cref="LoraAdapterException.Error"/> says what kind it is and whose message names the tensor or key.
/// </summary>
public static class PeftAdapterLoader
{
    public const string ConfigFileName = "adapter_config.json";
    public const string WeightsFileName = "adapter_model.safetensors";

    private const string SuffixA = ".lora_A.weight";
    private const string SuffixB = ".lora_B.weight";

    /// <summary>A PEFT directory, or the <c>.safetensors</c> file inside one (beside its adapter_config.json).</summary>
    public static bool IsPeftPath(string path) =>
        Directory.Exists(path)
        || (path.EndsWith(".safetensors", StringComparison.Ordinal) && File.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, ConfigFileName)));

    public static LoraAdapter Load(string path, LoraBaseShape baseShape, string? name = null)
    {
        var isDirectory = Directory.Exists(path);
        var directory = isDirectory ? path : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var configPath = System.IO.Path.Combine(directory, ConfigFileName);
        var weightsPath = isDirectory ? System.IO.Path.Combine(directory, WeightsFileName) : path;
        if (!File.Exists(configPath)) throw new LoraAdapterException(LoraAdapterError.FileNotFound, $"'{directory}' has no {ConfigFileName}, so it is not a PEFT adapter directory");
        if (!File.Exists(weightsPath))
        {
            if (File.Exists(System.IO.Path.Combine(directory, "adapter_model.bin")))
                throw new LoraAdapterException(LoraAdapterError.UnsupportedFeature, $"'{directory}' holds adapter_model.bin (a PyTorch pickle); save the adapter with safe_serialization=True to get {WeightsFileName}");
            throw new LoraAdapterException(LoraAdapterError.FileNotFound, $"'{directory}' has no {WeightsFileName}");
        }
        var config = PeftAdapterConfig.Parse(configPath);
        SafetensorsFile file;
        try
        {
            file = SafetensorsFile.Open(weightsPath);
        }
        catch (ModelFormatException e)
        {
            throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"LoRA adapter '{weightsPath}' is not a readable safetensors file: {e.Message}", e);
        }
        using (file)
        {
            var pairs = PairTensors(file, config, baseShape);
            var mapped = new MappedAdapterFile(weightsPath); // F32 lora_A tensors are used in place (see MappedAdapterFile)
            var weights = new LoraWeights?[baseShape.LayerCount * LoraTargets.Count];
            // Each pair is a read, a finiteness check and B's transpose: independent, so spread over the cores.
            try
            {
                Parallel.ForEach(pairs, p => weights[p.Slot] = Read(file, mapped, p.A, p.B, p.Dims));
            }
            catch (AggregateException e) when (e.InnerExceptions[0] is LoraAdapterException first)
            {
                throw first;
            }
            // LoraAdapter scales a rank-r delta by alpha / r; rsLoRA's alpha / √r is that with alpha·√r.
            var alpha = config.UseRslora ? config.Alpha * MathF.Sqrt(config.Rank) : config.Alpha;
            return new LoraAdapter(name ?? System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(directory)), baseShape, alpha, weights);
        }
    }

    private readonly record struct DeltaPair(int Slot, SafetensorsTensorInfo A, SafetensorsTensorInfo B, (int In, int Out) Dims);

    /// <summary>Maps every tensor to its (layer, target) and pairs the halves, checking names, targets, dtypes and shapes.</summary>
    private static List<DeltaPair> PairTensors(SafetensorsFile file, PeftAdapterConfig config, LoraBaseShape shape)
    {
        var halves = new Dictionary<int, (SafetensorsTensorInfo? A, SafetensorsTensorInfo? B, string Module)>();
        foreach (var t in file.Tensors)
        {
            var isA = t.Name.EndsWith(SuffixA, StringComparison.Ordinal);
            if (!isA && !t.Name.EndsWith(SuffixB, StringComparison.Ordinal))
                throw new LoraAdapterException(LoraAdapterError.UnknownModule, $"tensor '{t.Name}' is neither a lora_A nor a lora_B weight");
            var module = t.Name[..^SuffixA.Length];
            if (module.StartsWith("base_model.model.", StringComparison.Ordinal)) module = module["base_model.model.".Length..];
            var (layer, target) = Locate(t.Name, module, shape);
            if (!config.Targets(module))
                throw new LoraAdapterException(LoraAdapterError.UnknownModule, $"tensor '{t.Name}' adapts '{module}', which target_modules {config.TargetModulesText} in {PeftAdapterLoader.ConfigFileName} does not select");
            if (t.Dtype is not (SafetensorsDtype.F32 or SafetensorsDtype.F16 or SafetensorsDtype.BF16))
                throw new LoraAdapterException(LoraAdapterError.UnsupportedDtype, $"tensor '{t.Name}' has dtype {SafetensorsDtypes.Name(t.Dtype)}; LoRA weights must be F32, F16 or BF16");
            var slot = layer * LoraTargets.Count + (int)target;
            var pair = halves.GetValueOrDefault(slot, (null, null, module));
            halves[slot] = isA ? pair with { A = t } : pair with { B = t };
        }
        if (halves.Count == 0) throw new LoraAdapterException(LoraAdapterError.MissingTensor, $"'{file.Path}' holds no lora_A/lora_B tensors");
        var pairs = new List<DeltaPair>(halves.Count);
        foreach (var (slot, (a, b, module)) in halves)
        {
            if (a is null || b is null)
                throw new LoraAdapterException(LoraAdapterError.MissingTensor, $"tensor '{(a ?? b)!.Name}' has no {(a is null ? "lora_A" : "lora_B")} partner ('{module}{(a is null ? SuffixA : SuffixB)}')");
            var dims = shape.Target((LoraTarget)(slot % LoraTargets.Count))!.Value;
            CheckShapes(module, a, b, dims, config.Rank);
            pairs.Add(new DeltaPair(slot, a, b, dims));
        }
        return pairs;
    }

    /// <summary>Parses <c>[model.]layers.N.self_attn.q_proj</c> into (N, Query), refusing modules the base has not or cannot adapt.</summary>
    private static (int Layer, LoraTarget Target) Locate(string tensorName, string module, LoraBaseShape shape)
    {
        var parts = module.Split('.');
        if (parts.Length == 5 && parts[0] == "model") parts = parts[1..];
        var t = parts.Length == 4 ? Array.IndexOf(PeftAdapterConfig.ModuleNames, parts[3]) : -1;
        if (parts.Length != 4 || parts[0] != "layers" || t < 0 || parts[2] != (t < 4 ? "self_attn" : "mlp")
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var layer))
            throw new LoraAdapterException(LoraAdapterError.UnknownModule,
                $"tensor '{tensorName}' adapts '{module}'; only model.layers.N.self_attn.{{q,k,v,o}}_proj and model.layers.N.mlp.{{gate,up,down}}_proj can be adapted");
        if (layer >= shape.LayerCount)
            throw new LoraAdapterException(LoraAdapterError.ArchitectureMismatch, $"tensor '{tensorName}' is for layer {layer}, but the base model ({shape.Architecture}) has {shape.LayerCount} layers");
        if (shape.Target((LoraTarget)t) is null)
            throw new LoraAdapterException(LoraAdapterError.UnknownModule, $"tensor '{tensorName}': the base model ({shape.Architecture}) has no separate {parts[3]} matrix to adapt");
        return (layer, (LoraTarget)t);
    }

    private static void CheckShapes(string module, SafetensorsTensorInfo a, SafetensorsTensorInfo b, (int In, int Out) dims, int configRank)
    {
        LoraAdapterException Bad(string problem) => new(LoraAdapterError.ShapeMismatch, $"LoRA '{module}': {problem}");
        if (a.Shape.Length != 2 || b.Shape.Length != 2) throw Bad($"lora_A {a.ShapeText} and lora_B {b.ShapeText} must both be 2-D");
        if (a.Shape[1] != dims.In)
            throw Bad($"lora_A {a.ShapeText} takes {a.Shape[1]} inputs, but the base's matrix takes {dims.In} (an adapter for a model of another hidden size?)");
        if (b.Shape[0] != dims.Out)
            throw Bad($"lora_B {b.ShapeText} gives {b.Shape[0]} outputs, but the base's matrix gives {dims.Out} (an adapter for a model of another hidden size?)");
        if (a.Shape[0] != b.Shape[1]) throw Bad($"lora_A {a.ShapeText} has rank {a.Shape[0]} but lora_B {b.ShapeText} has {b.Shape[1]}");
        if (a.Shape[0] != configRank) throw Bad($"the tensors have rank {a.Shape[0]} but {ConfigFileName} says r = {configRank}");
    }

    private static LoraWeights Read(SafetensorsFile file, MappedAdapterFile mapped, SafetensorsTensorInfo ta, SafetensorsTensorInfo tb, (int In, int Out) dims)
    {
        var rank = (int)ta.Shape[0];
        ReadOnlyMemory<float> a;                                       // (rank, in)
        if (ta.Dtype == SafetensorsDtype.F32)
        {
            a = mapped.Floats(ta.Offset, rank * dims.In);
        }
        else
        {
            var converted = GC.AllocateUninitializedArray<float>(rank * dims.In);
            ReadFloats(file, ta, converted);
            a = converted;
        }
        LoraDeltas.CheckFinite(a.Span, ta.Name);
        var b = ArrayPool<float>.Shared.Rent(dims.Out * rank);         // (out, rank) as stored; transposed below
        try
        {
            var bValues = b.AsSpan(0, dims.Out * rank);
            ReadFloats(file, tb, bValues);
            LoraDeltas.CheckFinite(bValues, tb.Name);
            return new LoraWeights(a, LoraDeltas.Transpose(bValues, rank, dims.Out), rank, dims.In, dims.Out);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(b);
        }
    }

    /// <summary>Fills <paramref name="destination"/> from the tensor: F32 straight from the file, F16/BF16 through a pooled buffer.</summary>
    private static void ReadFloats(SafetensorsFile file, SafetensorsTensorInfo t, Span<float> destination)
    {
        try
        {
            if (t.Dtype == SafetensorsDtype.F32)
            {
                file.Read(t, MemoryMarshal.AsBytes(destination));
                return;
            }
            var raw = ArrayPool<byte>.Shared.Rent((int)t.Length);
            try
            {
                var bytes = raw.AsSpan(0, (int)t.Length);
                file.Read(t, bytes);
                Dequantize.Row(t.Dtype == SafetensorsDtype.F16 ? GgmlType.F16 : GgmlType.BF16, bytes, destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
            }
        }
        catch (ModelFormatException e)
        {
            throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"'{file.Path}': tensor '{t.Name}' cannot be read: {e.Message}", e);
        }
    }
}
