using System.Reflection;
using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;

namespace Gantry.Server.Catalog;

/// <summary>
/// The built-in models, so the README's first command answers on a fresh machine with no download:
/// <list type="bullet">
/// <item><c>gantry serve</c> with no <c>--model</c> serves <see cref="TrainedName"/>, stories260K (TinyStories, MIT; see
/// NOTICE), a 1.1 MiB trained model embedded in this assembly: it continues short children's stories in English.</item>
/// <item><c>--model demo:random</c> serves <see cref="RandomName"/>, a Llama-shaped model with deterministic random
/// weights: every endpoint works, the text is noise.</item>
/// </list>
/// Both are written to a temp file (the GGUF reader maps files) that the catalog deletes once mapped.
/// </summary>
internal static class DemoModel
{
    public const string TrainedName = ModelSpec.TrainedDemoName;

    public const string RandomName = ModelSpec.RandomDemoName;

    public const string TrainedDescription = "built-in demo model stories260K (trained on TinyStories, 260K parameters): it continues short children's stories; serve a GGUF model file (a path or hf://OWNER/REPO/FILE.gguf) for a real model";

    public const string RandomDescription = "built-in demo model with RANDOM weights (output is gibberish); serve a GGUF model file for real output";

    private const string ResourceName = "Gantry.Server.BuiltIn.stories260K.gguf";

    /// <summary>Writes a built-in model's GGUF to a fresh temp file and returns that file's spec (same name).</summary>
    public static ModelSpec Write(ModelSpec builtIn)
    {
        var random = builtIn.IsRandomDemo;
        var path = Path.Combine(Path.GetTempPath(), $"gantry-demo-{Environment.ProcessId}-{Guid.NewGuid():N}.gguf");
        if (random)
        {
            ModelSynthesizer.Write(ModelShape.Tiny, "q8_0", seed: 42, path);
        }
        else
        {
            using var source = OpenTrained();
            using var target = File.Create(path);
            source.CopyTo(target);
        }
        return new ModelSpec(path, builtIn.Name);
    }

    public static string Description(ModelSpec builtIn) => builtIn.IsRandomDemo ? RandomDescription : TrainedDescription;

    /// <summary>The embedded stories260K file, byte for byte as in the repository.</summary>
    public static Stream OpenTrained() =>
        typeof(DemoModel).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"the build lacks the embedded resource {ResourceName}");
}
