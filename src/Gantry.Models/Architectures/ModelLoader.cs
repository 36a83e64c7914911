using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Architectures.Gemma;
using Gantry.Models.Architectures.Llama;
using Gantry.Models.Architectures.Phi3;
using Gantry.Models.Architectures.Qwen;
using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Models.Tokenizers;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Architectures;

/// <summary>Opens a GGUF file and builds the model its <c>general.architecture</c> names, refusing unknown ones by name.</summary>
public static class ModelLoader
{
    private static readonly IArchitecture[] Families =
        [new LlamaArchitecture(), new Qwen3Architecture(), new Qwen2MoeArchitecture(), new Gemma2Architecture(), new Gemma3Architecture(), new Phi3Architecture()];

    /// <summary>Every <c>general.architecture</c> value Gantry loads.</summary>
    public static IReadOnlyList<string> SupportedArchitectures { get; } = Families.SelectMany(f => f.Names).ToArray();

    /// <param name="repack">Repack weights for the CPU's fastest kernels (see <see cref="DecoderModel"/>).</param>
    /// <param name="deferRepack">Run the first forward pass on the mapped weights and repack a block before each later
    /// one instead of all at load, so the first token comes sooner (logits differ in their last bits from a model
    /// repacked at load until every block is repacked).</param>
    public static ILanguageModel Load(string path, WorkerPool pool, bool repack = true, bool deferRepack = false)
    {
        var file = GgufFile.Open(path);
        try
        {
            return Load(file, pool, ownsFile: true, repack, deferRepack);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static ILanguageModel Load(GgufFile file, WorkerPool pool, bool ownsFile = false, bool repack = true, bool deferRepack = false) =>
        new DecoderModel(file, Configure(file), pool, ownsFile, repack, deferRepack: deferRepack);

    /// <summary>Builds one pipeline stage: the blocks of <paramref name="layers"/> (and embedding or head at the ends).</summary>
    public static IModelStage LoadStage(GgufFile file, WorkerPool pool, LayerRange layers, bool ownsFile = false, bool repack = true) =>
        new DecoderModel(file, Configure(file), pool, ownsFile, repack, layers);

    /// <summary>
    /// One tensor-parallel shard of a layer range: <paramref name="slice"/>'s heads and feed-forward columns of the
    /// blocks of <paramref name="layers"/> (and its rows of the head on the last stage). Throws
    /// <see cref="TensorSplitException"/> when the model does not split that way.
    /// </summary>
    public static IModelStage LoadShard(GgufFile file, WorkerPool pool, LayerRange layers, TensorSlice slice, bool ownsFile = false, bool repack = true) =>
        new DecoderModel(file, Configure(file), pool, ownsFile, repack, layers, slice);

    /// <summary>What the file holds, read from its metadata and tensor directory without binding any weight.</summary>
    public static ModelInfo ReadInfo(GgufFile file) =>
        ModelInfoReader.Read(file, Configure(file), TokenizerFactory.FromGguf(file.Metadata).VocabSize);

    private static DecoderConfig Configure(GgufFile file)
    {
        var arch = file.Metadata.GetString("general.architecture");
        var family = Families.FirstOrDefault(f => f.Names.Contains(arch))
            ?? throw new ModelFormatException($"architecture '{arch}' is not supported (supported: {string.Join(", ", SupportedArchitectures)})");
        return family.Configure(file.Metadata);
    }
}
