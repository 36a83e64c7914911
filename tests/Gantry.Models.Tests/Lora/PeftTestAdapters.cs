using System.Text.Json.Nodes;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Safetensors;
using Gantry.Models.Synthesis;

namespace Gantry.Models.Tests.Lora;

/// <summary>PEFT adapter directories for tests: the GGUF test adapter rewritten as PEFT, then edited to break one thing.</summary>
internal static class PeftTestAdapters
{
    public sealed record Tensor(string Name, SafetensorsDtype Dtype, long[] Shape, byte[] Data);

    public static string Weights(string directory) => Path.Combine(directory, PeftAdapterLoader.WeightsFileName);

    public static string Config(string directory) => Path.Combine(directory, PeftAdapterLoader.ConfigFileName);

    /// <summary>Writes <see cref="LoraTestModels.WriteAdapter"/>'s adapter (same seed, same A and B) as a PEFT directory.</summary>
    public static void Write(string directory, ulong seed, int rank = 8, float alpha = -1, float strength = 0.25f,
        SafetensorsDtype dtype = SafetensorsDtype.F32, bool useRslora = false, IReadOnlyList<string>? targetModules = null)
    {
        var gguf = Path.Combine(directory, "source.gguf");
        LoraTestModels.WriteAdapter(gguf, seed, rank, alpha, strength);
        PeftAdapterWriter.FromGguf(gguf, directory, dtype, useRslora, targetModules);
        File.Delete(gguf);
    }

    /// <summary>Rewrites the directory's safetensors file with <paramref name="edit"/> applied to its tensor list.</summary>
    public static void EditTensors(string directory, Action<List<Tensor>> edit)
    {
        var tensors = new List<Tensor>();
        using (var file = SafetensorsFile.Open(Weights(directory)))
        {
            foreach (var t in file.Tensors)
            {
                var data = new byte[t.Length];
                file.Read(t, data);
                tensors.Add(new Tensor(t.Name, t.Dtype, t.Shape, data));
            }
        }
        edit(tensors);
        var writer = new SafetensorsWriter();
        foreach (var t in tensors) writer.Add(t.Name, t.Dtype, t.Shape, t.Data);
        writer.WriteTo(Weights(directory));
    }

    public static void EditConfig(string directory, Action<JsonObject> edit)
    {
        var config = JsonNode.Parse(File.ReadAllText(Config(directory)))!.AsObject();
        edit(config);
        File.WriteAllText(Config(directory), config.ToJsonString());
    }
}
