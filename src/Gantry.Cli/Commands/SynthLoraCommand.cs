using System.CommandLine;
using System.Diagnostics;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Safetensors;
using Gantry.Models.Synthesis;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry synth-lora --shape tinyllama-1.1b --rank 16 --seed 1 --out a.gguf</c>: a random-weight LoRA adapter in
/// llama.cpp's GGUF adapter layout for a base written by <c>gantry synth</c> at the same shape; with
/// <c>--format peft</c> the same deltas as a PEFT directory (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>).
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
        var format = new Option<string>("--format") { Description = "gguf (one file) or peft (a directory with adapter_config.json and adapter_model.safetensors)", DefaultValueFactory = _ => "gguf" };
        var output = new Option<string>("--out", "-o") { Description = "Output GGUF path (a directory with --format peft)", Required = true };
        var command = new Command("synth-lora", "Write a GGUF LoRA adapter with deterministic random weights for a synthetic base")
        {
            arch, shape, rank, alpha, type, strength, seed, format, output,
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
            var f = parse.GetValue(format)!;
            if (f is not ("gguf" or "peft")) throw new CliUsageException($"--format must be gguf or peft (got '{f}')");
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
            var adapter = LoraSynthesizer.Build(s, r, parse.GetValue(seed), a ?? -1, t, parse.GetValue(strength));
            if (f == "gguf")
            {
                adapter.WriteTo(path);
            }
            else
            {
                // PEFT: the same deltas, written through a GGUF file that is then converted and removed.
                var gguf = Path.Combine(Path.GetTempPath(), $"gantry-synth-lora-{Guid.NewGuid():N}.gguf");
                try
                {
                    adapter.WriteTo(gguf);
                    PeftAdapterWriter.FromGguf(gguf, path, t == "f16" ? SafetensorsDtype.F16 : SafetensorsDtype.F32);
                }
                finally
                {
                    File.Delete(gguf);
                }
            }
            var bytes = f == "gguf" ? new FileInfo(path).Length : new FileInfo(Path.Combine(path, PeftAdapterLoader.WeightsFileName)).Length;
            Console.WriteLine($"wrote {path}: LoRA rank {r} for {s.Name}, {t}, {f}, {bytes / (1024.0 * 1024):F1} MiB in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
