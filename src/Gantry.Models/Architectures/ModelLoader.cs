using Gantry.Models.Architectures.Llama;
using Gantry.Models.Gguf;
using Gantry.Models.Runtime;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Architectures;

/// <summary>Opens a GGUF file and builds the model its <c>general.architecture</c> names, refusing unknown ones by name.</summary>
public static class ModelLoader
{
    /// <summary>Architectures served by the Llama-family implementation.</summary>
    public static IReadOnlyList<string> SupportedArchitectures { get; } = ["llama", "mistral", "qwen2"];

    public static ILanguageModel Load(string path, WorkerPool pool)
    {
        var file = GgufFile.Open(path);
        try
        {
            return Load(file, pool, ownsFile: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static ILanguageModel Load(GgufFile file, WorkerPool pool, bool ownsFile = false)
    {
        var arch = file.Metadata.GetString("general.architecture");
        if (!SupportedArchitectures.Contains(arch))
            throw new ModelFormatException($"architecture '{arch}' is not supported (supported: {string.Join(", ", SupportedArchitectures)})");
        return new LlamaModel(file, pool, ownsFile);
    }
}
