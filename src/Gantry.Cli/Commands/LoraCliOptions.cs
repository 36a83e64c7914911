using System.CommandLine;
using System.Globalization;
using Gantry.Models;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;

namespace Gantry.Cli.Commands;

/// <summary><c>--lora PATH[:SCALE]</c> (repeatable) for commands that run a model directly, as llama.cpp's <c>--lora-scaled</c>.</summary>
internal static class LoraCliOptions
{
    public static Option<string[]> Lora() => new("--lora")
    {
        Description = "LoRA adapter to apply (a GGUF file or a PEFT directory), optionally with a scale (PATH[:SCALE], default scale 1); repeatable, the deltas add up",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Splits <c>PATH[:SCALE]</c>; a suffix that is not a number stays part of the path.</summary>
    public static (string Path, float Scale) ParseSpec(string spec)
    {
        var colon = spec.LastIndexOf(':');
        if (colon > 0 && float.TryParse(spec.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale))
        {
            if (!float.IsFinite(scale)) throw new CliUsageException($"--lora {spec}: the scale must be a finite number");
            return (spec[..colon], scale);
        }
        return (spec, 1f);
    }

    /// <summary>Loads every <c>--lora</c> against <paramref name="model"/>; null when none was given.</summary>
    public static LoraSet? Load(IReadOnlyList<string> specs, ILanguageModel model)
    {
        if (specs.Count == 0) return null;
        var shape = model.LoraShape ?? throw new CliUsageException("--lora: this model cannot run LoRA adapters");
        var adapters = new List<(LoraAdapter, float)>();
        foreach (var spec in specs)
        {
            var (path, scale) = ParseSpec(spec);
            try
            {
                adapters.Add((LoraAdapterLoader.Load(path, shape), scale));
            }
            catch (LoraAdapterException e)
            {
                throw new CliUsageException($"--lora {spec}: {e.Message}");
            }
        }
        return new LoraSet(adapters);
    }
}
