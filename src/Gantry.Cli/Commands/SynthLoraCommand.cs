using System.CommandLine;
using System.Diagnostics;
using Gantry.Models.Synthesis;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry synth-lora --shape tinyllama-1.1b --rank 16 --seed 1 --out a.gguf</c>: a random-weight LoRA adapter in
/// llama.cpp's GGUF adapter layout for a base written by <c>gantry synth</c> at the same shape.
/// </summary>
internal static class SynthLoraCommand
{
    public static Command Build()
    {
        var shape = new Option<string>("--shape") { Description = $"Base model shape: {string.Join(", ", ModelShape.Presets.Select(p => p.Name))}; with --arch also 'tiny' or 'real'" };
        var arch = new Option<string>("--arch") { Description = $"Base architecture: {string.Join(", ", ModelShape.Families)}" };
        var rank = new Option<int>("--rank") { Description = "Adapter rank", DefaultValueFactory = _ => 16 };
        var alpha = new Option<float?>("--alpha") { Description = "adapter.lora.alpha (default: the rank, so the scale is 1)" };
        var type = new Option<string>("--type") { Description = "Adapter weight type: f32 or f16", DefaultValueFactory = _ => "f32" };
        var strength = new Option<float>("--strength") { Description = "Size of the delta relative to the base matmul's output", DefaultValueFactory = _ => 0.25f };
        var seed = new Option<ulong>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Output GGUF path", Required = true };
        var command = new Command("synth-lora", "Write a GGUF LoRA adapter with deterministic random weights for a synthetic base")
        {
            arch, shape, rank, alpha, type, strength, seed, output,
        };
        command.SetAction(parse =>
        {
            var family = parse.GetValue(arch);
            var shapeName = parse.GetValue(shape);
            if (family is null && shapeName is null) throw new CliUsageException("give --shape NAME or --arch ARCH (see gantry synth-lora --help)");
            var r = parse.GetValue(rank);
            if (r < 1) throw new CliUsageException($"--rank must be at least 1 (got {r})");
            var a = parse.GetValue(alpha);
            if (a is < 0) throw new CliUsageException($"--alpha must not be negative (got {a})");
            var t = parse.GetValue(type)!;
            if (t is not ("f32" or "f16")) throw new CliUsageException($"--type must be f32 or f16 (got '{t}')");
            ModelShape s;
            try
            {
                s = family is null ? ModelShape.Parse(shapeName!) : ModelShape.Resolve(family, shapeName);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException((family is null ? "--shape: " : "--arch/--shape: ") + e.Message);
            }
            var path = parse.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            LoraSynthesizer.Build(s, r, parse.GetValue(seed), a ?? -1, t, parse.GetValue(strength)).WriteTo(path);
            Console.WriteLine($"wrote {path}: LoRA rank {r} for {s.Name}, {t}, {new FileInfo(path).Length / (1024.0 * 1024):F1} MiB in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
