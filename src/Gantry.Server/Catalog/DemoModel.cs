using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;

namespace Gantry.Server.Catalog;

/// <summary>
/// The model <c>gantry serve</c> runs when given no <c>--model</c>: a small Llama-shaped GGUF with deterministic random
/// weights written to a temp file, so the first command of the README works on a fresh machine. Its output is noise.
/// </summary>
internal static class DemoModel
{
    public const string Name = "gantry-demo-random";

    public const string Description = "built-in demo model with RANDOM weights (output is gibberish); pass --model path.gguf for a real model";

    /// <summary>Writes the demo GGUF (once per process) and returns its spec.</summary>
    public static ModelSpec Write()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gantry-demo-{Environment.ProcessId}.gguf");
        ModelSynthesizer.Write(ModelShape.Tiny, "q8_0", seed: 42, path);
        return new ModelSpec(path, Name);
    }
}
