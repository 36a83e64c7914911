using System.CommandLine;
using System.Diagnostics;
using Gantry.Models.Quantization;

namespace Gantry.Cli.Commands;

/// <summary><c>gantry quantize --model in.gguf --out out.gguf --type Q8_0|Q4_0|Q4_K</c>: quantize a float model's weight matrices.</summary>
internal static class QuantizeCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var output = new Option<string>("--out", "-o") { Description = "Output GGUF path", Required = true };
        var type = new Option<string>("--type") { Description = $"Weight type: {string.Join(", ", QuantizeTarget.All.Select(t => t.Name))}", Required = true };
        var command = new Command("quantize", "Write a copy of an F32/F16/BF16 model with its weight matrices quantized") { model, output, type };
        command.SetAction(parse =>
        {
            var typeName = parse.GetValue(type)!;
            var target = QuantizeTarget.Find(typeName)
                ?? throw new CliUsageException($"--type must be one of {string.Join(", ", QuantizeTarget.All.Select(t => t.Name))} (got '{typeName}')");
            var input = parse.GetValue(model)!;
            var path = parse.GetValue(output)!;
            if (Path.GetFullPath(input) == Path.GetFullPath(path)) throw new CliUsageException("--out must differ from --model");
            var clock = Stopwatch.StartNew();
            var s = ModelQuantizer.Quantize(input, path, target);
            Console.WriteLine($"{input}: {s.InputBytes / 1048576.0:F1} MiB -> {path}: {s.OutputBytes / 1048576.0:F1} MiB ({target.Name}, "
                + $"{(double)s.OutputBytes / s.InputBytes:P0}); {s.TensorsConverted} tensors quantized, "
                + $"{(s.TensorsFallenBack > 0 ? $"{s.TensorsFallenBack} as F16 (rows not whole blocks), " : "")}{s.TensorsKept} kept; {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
