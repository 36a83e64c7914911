using System.Runtime.InteropServices;
using System.Text.Json;
using Gantry.Models.Gguf;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Safetensors;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;

namespace Gantry.Models.Synthesis;

/// <summary>
/// Writes a GGUF LoRA adapter (as <see cref="LoraSynthesizer"/> makes them) as the PEFT directory Hugging Face's
/// <c>save_pretrained</c> would have written for the same deltas: <c>adapter_config.json</c> and
/// <c>adapter_model.safetensors</c> with <c>base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight</c> (r, in)
/// and <c>…lora_B.weight</c> (out, r). The scale is kept: <c>lora_alpha</c> is chosen so that PEFT's
/// <c>lora_alpha / r</c> (or <c>/ √r</c> with <paramref name="useRslora"/>) equals the GGUF file's <c>alpha / r</c>.
/// Tests and benches use it to show both formats give the same outputs.
/// </summary>
public static class PeftAdapterWriter
{
    /// <param name="dtype">F32, F16 or BF16 for the safetensors tensors.</param>
    /// <param name="targetModules">Written as <c>target_modules</c>; null lists the modules that have tensors.</param>
    public static void FromGguf(string ggufPath, string directory, SafetensorsDtype dtype = SafetensorsDtype.F32, bool useRslora = false, IReadOnlyList<string>? targetModules = null)
    {
        if (dtype is not (SafetensorsDtype.F32 or SafetensorsDtype.F16 or SafetensorsDtype.BF16)) throw new ArgumentException($"dtype must be F32, F16 or BF16 (got {dtype})", nameof(dtype));
        using var gguf = GgufFile.Open(ggufPath);
        var writer = new SafetensorsWriter().SetMetadata("format", "pt");
        var modules = new SortedSet<string>(StringComparer.Ordinal);
        var rank = 0;
        foreach (var ta in gguf.Tensors.Where(t => t.Name.EndsWith(".lora_a", StringComparison.Ordinal)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var baseName = ta.Name[..^".lora_a".Length];  // blk.N.attn_q.weight
            var tb = gguf.GetTensor(baseName + ".lora_b");
            var parts = baseName.Split('.');
            if (!LoraTargets.TryParse(parts[2], out var target)) throw new ArgumentException($"'{ggufPath}': tensor '{ta.Name}' is not a projection PEFT names");
            var module = PeftAdapterConfig.ModuleNames[(int)target];
            modules.Add(module);
            var prefix = $"base_model.model.model.layers.{parts[1]}.{(target <= LoraTarget.Output ? "self_attn" : "mlp")}.{module}";
            int inputs = (int)ta.Shape[0], r = (int)ta.Shape[1], outputs = (int)tb.Shape[1];
            rank = r;
            // GGUF lists dimensions innermost first, so lora_a [in, r] is PyTorch's (r, in) with the same bytes.
            writer.Add(prefix + ".lora_A.weight", dtype, [r, inputs], Encode(gguf, ta, r * inputs, dtype));
            writer.Add(prefix + ".lora_B.weight", dtype, [outputs, r], Encode(gguf, tb, outputs * r, dtype));
        }
        var alpha = gguf.Metadata.GetFloat("adapter.lora.alpha", 0f);
        var scale = alpha != 0 ? alpha / rank : 1f;
        Directory.CreateDirectory(directory);
        writer.WriteTo(Path.Combine(directory, PeftAdapterLoader.WeightsFileName));
        var config = new Dictionary<string, object?>
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["base_model_name_or_path"] = gguf.Metadata.TryGetValue("general.name", out var n) ? n.Value as string : null,
            ["r"] = rank,
            ["lora_alpha"] = useRslora ? scale * MathF.Sqrt(rank) : alpha != 0 ? alpha : rank,
            ["use_rslora"] = useRslora,
            ["target_modules"] = targetModules ?? modules.ToArray(),
            ["lora_dropout"] = 0.0,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["use_dora"] = false,
            ["rank_pattern"] = new Dictionary<string, int>(),
            ["alpha_pattern"] = new Dictionary<string, float>(),
            ["modules_to_save"] = null,
        };
        File.WriteAllText(Path.Combine(directory, PeftAdapterLoader.ConfigFileName), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static byte[] Encode(GgufFile gguf, GgufTensorInfo t, int count, SafetensorsDtype dtype)
    {
        var values = new float[count];
        Dequantize.Row(t.Type, gguf.TensorData(t), values);
        if (dtype == SafetensorsDtype.F32) return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var bits = new ushort[count];
        for (var i = 0; i < count; i++) bits[i] = dtype == SafetensorsDtype.F16 ? Fp16.FromFloat(values[i]) : BFloat16.FromFloat(values[i]);
        return MemoryMarshal.AsBytes(bits.AsSpan()).ToArray();
    }
}
