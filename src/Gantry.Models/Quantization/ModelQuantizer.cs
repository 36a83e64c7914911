using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Quantization;

/// <summary>
/// Rewrites a GGUF model with its weight matrices in a quantized type, as <c>llama-quantize</c> does without an
/// importance matrix: every 2-D <c>*.weight</c> tensor in F32/F16/BF16 (the token embedding included) becomes
/// <see cref="QuantizeTarget.Type"/> (F16 where a row is not a whole number of blocks); 1-D tensors (norms, biases) are written as F32; every metadata key is kept
/// and <c>general.file_type</c> is set to llama.cpp's <c>LLAMA_FTYPE</c> number. Tensors already in the target
/// type pass through unchanged; tensors in another quantized type are refused, because re-quantizing compounds
/// rounding error.
/// </summary>
public static class ModelQuantizer
{
    public static QuantizeSummary Quantize(string inputPath, string outputPath, QuantizeTarget target)
    {
        if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
            throw new ArgumentException("the output path must differ from the input model's path", nameof(outputPath));
        using var input = GgufFile.Open(inputPath);
        var plan = input.Tensors.Select(t => (Tensor: t, Type: OutputType(t, target.Type))).ToArray();
        var writer = new GgufWriter((int)input.Alignment);
        foreach (var key in input.Metadata.Keys) writer.Set(key, input.Metadata[key]);
        writer.Set("general.file_type", new GgufValue(GgufValueType.UInt32, target.FileType));
        var converted = 0;
        var fallbacks = 0;
        foreach (var (tensor, type) in plan)
        {
            if (type == tensor.Type)
            {
                writer.AddTensor(tensor.Name, type, tensor.Shape, span => input.TensorData(tensor).CopyTo(span));
                continue;
            }
            if (type == target.Type) converted++;
            else if (type == GgmlType.F16) fallbacks++;
            writer.AddTensor(tensor.Name, type, tensor.Shape, span => Convert(input, tensor, type, span));
        }
        var temp = outputPath + ".tmp";
        try
        {
            writer.WriteTo(temp);
            File.Move(temp, outputPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return new QuantizeSummary(new FileInfo(inputPath).Length, new FileInfo(outputPath).Length, converted, fallbacks, plan.Length - converted - fallbacks);
    }

    /// <summary>The type a tensor is written in, or an exception naming the tensor when it cannot be converted.</summary>
    private static GgmlType OutputType(GgufTensorInfo t, GgmlType target)
    {
        var isFloat = t.Type is GgmlType.F32 or GgmlType.F16 or GgmlType.BF16;
        var isMatrix = t.Shape.Length >= 2 && t.Name.EndsWith(".weight", StringComparison.Ordinal);
        if (!isMatrix) return isFloat ? GgmlType.F32 : t.Type;
        if (t.Type == target) return target;
        if (!isFloat)
            throw new ModelFormatException($"tensor '{t.Name}' is already quantized ({t.Type}); quantize from an F32, F16 or BF16 model instead");
        // llama.cpp's last resort for rows that no block of the target fits (e.g. 172 columns): F16.
        return t.Columns % GgmlTypeInfo.BlockSize(target) == 0 ? target : GgmlType.F16;
    }

    /// <summary>Row by row from the mapped input, rows spread over the cores (K-quant search is slow).</summary>
    private static unsafe void Convert(GgufFile input, GgufTensorInfo tensor, GgmlType type, Span<byte> output)
    {
        var cols = (int)tensor.Columns;
        var inRow = GgmlTypeInfo.RowBytes(tensor.Type, cols);
        var outRow = GgmlTypeInfo.RowBytes(type, cols);
        var source = input.TensorPointer(tensor);
        fixed (byte* target = output)
        {
            var dst = target;
            Parallel.For(0, tensor.Rows, () => new float[cols], (row, _, floats) =>
            {
                Dequantize.Row(tensor.Type, new ReadOnlySpan<byte>(source + row * inRow, (int)inRow), floats);
                Tensors.Kernels.Quantize.Row(type, floats, new Span<byte>(dst + row * outRow, (int)outRow));
                return floats;
            }, _ => { });
        }
    }
}

/// <param name="Type">Weight type of the matrices.</param>
/// <param name="FileType">llama.cpp's <c>LLAMA_FTYPE_MOSTLY_*</c> number for <c>general.file_type</c>.</param>
public sealed record QuantizeTarget(string Name, GgmlType Type, uint FileType)
{
    public static IReadOnlyList<QuantizeTarget> All { get; } =
    [
        new("Q8_0", GgmlType.Q8_0, 7),
        new("Q4_0", GgmlType.Q4_0, 2),
        // llama.cpp has no "all Q4_K" preset; Q4_K_S (14) is the one whose matrices are (mostly) Q4_K.
        new("Q4_K", GgmlType.Q4_K, 14),
    ];

    /// <summary>The target named <paramref name="name"/> (case-insensitive), or null when there is none.</summary>
    public static QuantizeTarget? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <param name="TensorsConverted">Tensors written in the quantized type from floats.</param>
/// <param name="TensorsFallenBack">Matrices whose rows fit no block of the target type, written as F16.</param>
/// <param name="TensorsKept">Tensors copied unchanged or written as F32.</param>
public sealed record QuantizeSummary(long InputBytes, long OutputBytes, int TensorsConverted, int TensorsFallenBack, int TensorsKept);
