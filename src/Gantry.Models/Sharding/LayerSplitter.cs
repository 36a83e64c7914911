using Gantry.Models.Gguf;

namespace Gantry.Models.Sharding;

/// <summary>
/// Splits a model's blocks into contiguous pipeline stages of about equal weight bytes (what a stage must hold in
/// memory and stream per step), every stage at least one block.
/// </summary>
public static class LayerSplitter
{
    public static LayerRange[] BySize(GgufFile file, int layerCount, int stages)
    {
        var bytes = new long[layerCount];
        foreach (var t in file.Tensors)
        {
            if (!t.Name.StartsWith("blk.", StringComparison.Ordinal)) continue;
            var dot = t.Name.IndexOf('.', 4);
            if (dot > 4 && int.TryParse(t.Name.AsSpan(4, dot - 4), out var layer) && (uint)layer < (uint)layerCount) bytes[layer] += t.ByteSize;
        }
        return BySize(bytes, stages);
    }

    /// <summary>Cuts after the block where the running total first reaches each stage's share of the whole.</summary>
    public static LayerRange[] BySize(IReadOnlyList<long> layerBytes, int stages)
    {
        var layers = layerBytes.Count;
        if (stages < 1 || stages > layers) throw new ArgumentOutOfRangeException(nameof(stages), $"{stages} stages cannot split {layers} layers (1 to {layers} can)");
        var total = layerBytes.Sum();
        var ranges = new LayerRange[stages];
        var start = 0;
        long running = 0;
        for (var s = 0; s < stages; s++)
        {
            var remainingStages = stages - s - 1;
            var end = start + 1;
            running += layerBytes[start];
            var target = total * (s + 1) / stages;
            // Take more blocks while short of this stage's share, leaving at least one block for every later stage.
            while (end < layers - remainingStages && running + layerBytes[end] / 2 < target)
            {
                running += layerBytes[end];
                end++;
            }
            if (s == stages - 1) end = layers;
            ranges[s] = new LayerRange(start, end);
            start = end;
        }
        return ranges;
    }
}
