using System.CommandLine;
using System.Diagnostics;
using Gantry.Models.Synthesis;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry synth --shape tinyllama-1.1b --type q8_0 --seed 1 --out m.gguf</c> or <c>gantry synth --arch gemma3 [--shape tiny]</c>:
/// a random-weight model at a real shape (or a family's small test shape).
/// </summary>
internal static class SynthCommand
{
    public static Command Build()
    {
        var shape = new Option<string>("--shape") { Description = $"Model shape: {string.Join(", ", ModelShape.Presets.Select(p => p.Name))}; with --arch also 'tiny' or 'real' (the default)" };
        var arch = new Option<string>("--arch") { Description = $"Architecture: {string.Join(", ", ModelShape.Families)}" };
        var type = new Option<string>("--type") { Description = $"Weight type: {string.Join(", ", ModelSynthesizer.TypeNames)}", DefaultValueFactory = _ => "q8_0" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Output GGUF path", Required = true };
        var followMap = new Option<ulong?>("--follow-map")
        {
            Description = "Build the model to follow a fixed next-token map made from this seed (greedy output is known by construction); "
                          + "a target and its draft share the seed",
        };
        var disagreement = new Option<double>("--map-disagreement")
        {
            Description = "With --follow-map: the fraction of tokens whose successor differs from the seed's map (a draft with greedy agreement 1 - F)",
            DefaultValueFactory = _ => 0,
        };
        var cycle = new Option<int?>("--map-cycle")
        {
            Description = "With --follow-map: cut the map into cycles of N tokens, so the model repeats every N-token span it writes "
                          + "(a copying workload; default: one cycle through the whole vocabulary)",
        };
        var guardTrigger = new Option<string?>("--guard-trigger")
        {
            Description = "Instead: a tiny hand-built Llama Guard-style model that answers 'unsafe S1' exactly when this word is in what it judges, "
                          + "'safe' otherwise (for --guard-model tests and benchmarks)",
        };
        var command = new Command("synth", "Write a GGUF model with deterministic random weights at a real shape")
        {
            arch, shape, type, seed, output, followMap, disagreement, cycle, guardTrigger,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(guardTrigger) is { } trigger)
            {
                try
                {
                    GuardModelSynthesizer.Write(parse.GetValue(output)!, new GuardModelSynthesizer.Spec(Trigger: trigger));
                }
                catch (ArgumentException e)
                {
                    throw new CliUsageException("--guard-trigger: " + e.Message.Split(" (Parameter")[0]);
                }
                Console.WriteLine($"wrote {parse.GetValue(output)}: a synthetic guard model that flags '{trigger}'");
                return 0;
            }
            var family = parse.GetValue(arch);
            var shapeName = parse.GetValue(shape);
            if (family is null && shapeName is null) throw new CliUsageException("give --shape NAME or --arch ARCH (see gantry synth --help)");
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
            var fraction = parse.GetValue(disagreement);
            if (fraction is < 0 or > 1) throw new CliUsageException($"--map-disagreement must lie in [0, 1] (got {fraction})");
            var mapSeed = parse.GetValue(followMap);
            if (mapSeed is null && fraction > 0) throw new CliUsageException("--map-disagreement needs --follow-map");
            var cycleLength = parse.GetValue(cycle);
            if (cycleLength is not null && mapSeed is null) throw new CliUsageException("--map-cycle needs --follow-map");
            var longest = NextTokenMap.LongestCycle(s.VocabSize);
            if (cycleLength is < 2 || cycleLength > longest)
                throw new CliUsageException($"--map-cycle must lie in [2, {longest}] for this shape (got {cycleLength})");
            var map = mapSeed is { } m ? NextTokenMap.Cycles(s.VocabSize, cycleLength ?? longest, m) : null;
            var follow = fraction > 0 ? map!.Disagreeing(fraction, mapSeed!.Value) : map;
            var clock = Stopwatch.StartNew();
            ModelSynthesizer.Write(s, parse.GetValue(type)!, parse.GetValue(seed), path, follow);
            var cycles = cycleLength is { } n ? $" in cycles of {n}" : "";
            var following = follow is null ? "" : $", follows next-token map {mapSeed}{cycles} (agreement with it {follow.Agreement(map!):F3})";
            Console.WriteLine($"wrote {path}: {s.Name}, {parse.GetValue(type)}{following}, {new FileInfo(path).Length / (1024.0 * 1024):F1} MiB in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
