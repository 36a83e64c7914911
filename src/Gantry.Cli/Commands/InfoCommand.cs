using System.CommandLine;
using Gantry.Models.Architectures;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Commands;

/// <summary><c>gantry info --model PATH</c>: architecture, size, tensor types, context and vocabulary.</summary>
internal static class InfoCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var command = new Command("info", "Show a model's architecture, parameter count, tensor types, context length and vocabulary size") { model };
        command.SetAction(parse =>
        {
            using var pool = new WorkerPool(1);
            using var m = ModelLoader.Load(ModelLocator.Resolve(parse.GetValue(model)!), pool);
            var i = m.Info;
            Console.WriteLine($"name:             {i.Name}");
            Console.WriteLine($"architecture:     {i.Architecture}");
            Console.WriteLine($"parameters:       {i.ParameterCount:N0} ({i.ParameterCount / 1e9:F2} B)");
            Console.WriteLine($"weights:          {i.WeightBytes / (1024.0 * 1024):F1} MiB");
            Console.WriteLine($"tensor types:     {string.Join(", ", i.TensorTypeCounts.Select(kv => $"{kv.Key} × {kv.Value}"))}");
            Console.WriteLine($"context length:   {i.ContextLength}");
            Console.WriteLine($"vocabulary size:  {i.VocabSize}");
            Console.WriteLine($"layers:           {i.LayerCount}");
            Console.WriteLine($"embedding:        {i.EmbeddingLength}");
            Console.WriteLine($"heads (kv):       {i.HeadCount} ({i.HeadCountKv}), head size {i.HeadDim}");
            if (i.ExpertCount > 0)
                Console.WriteLine($"experts:          {i.ExpertUsedCount} of {i.ExpertCount} per token; {i.ActiveParameterCount:N0} active parameters ({i.ActiveParameterCount / 1e9:F2} B)");
            if (i.SlidingWindow > 0) Console.WriteLine($"sliding window:   {i.SlidingWindow} tokens on {i.SlidingLayerCount} of {i.LayerCount} layers");
            if (i.AttentionSoftCap > 0 || i.FinalSoftCap > 0)
                Console.WriteLine($"soft-caps:        attention {(i.AttentionSoftCap > 0 ? i.AttentionSoftCap : "off")}, final logits {(i.FinalSoftCap > 0 ? i.FinalSoftCap : "off")}");
            return 0;
        });
        return command;
    }
}
