using System.Reflection;
using Gantry.Models.Synthesis;

namespace Gantry.Server.Hosting;

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
    public const string TrainedName = "stories260K";

    public const string RandomName = "gantry-demo-random";

    /// <summary>The <c>--model</c> value that selects the random-weight demo.</summary>
    public const string RandomSpec = "demo:random";

    public const string TrainedDescription = "built-in demo model stories260K (trained on TinyStories, 260K parameters): it continues short children's stories; pass --model path.gguf or hf://OWNER/REPO/FILE.gguf for a real model";

    public const string RandomDescription = "built-in demo model with RANDOM weights (output is gibberish); pass --model path.gguf for a real model";

    private const string ResourceName = "Gantry.Server.BuiltIn.stories260K.gguf";

    /// <summary>True for the path the catalog gives built-in specs (see <see cref="Spec"/>).</summary>
    public static bool IsBuiltIn(ModelSpec spec) => spec.Path.StartsWith(PathPrefix, StringComparison.Ordinal);

    /// <summary>The spec for a built-in model; <paramref name="random"/> picks the random-weight one.</summary>
    public static ModelSpec Spec(bool random) => random ? new(PathPrefix + "random", RandomName) : new(PathPrefix + "stories260K", TrainedName);

    /// <summary>Writes a built-in model's GGUF to a fresh temp file and returns that file's spec (same name).</summary>
    public static ModelSpec Write(ModelSpec builtIn)
    {
        var random = builtIn.Path == PathPrefix + "random";
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

    public static string Description(ModelSpec builtIn) => builtIn.Path == PathPrefix + "random" ? RandomDescription : TrainedDescription;

    /// <summary>The embedded stories260K file, byte for byte as in the repository.</summary>
    public static Stream OpenTrained() =>
        typeof(DemoModel).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"the build lacks the embedded resource {ResourceName}");

    // Not a file path anyone could pass: built-in specs never reach File.Exists checks or the GGUF reader.
    private const string PathPrefix = "builtin:";
}
