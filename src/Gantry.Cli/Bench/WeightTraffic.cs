using Gantry.Models.Gguf;

namespace Gantry.Cli.Bench;

/// <summary>
/// Bytes of weights one decode step reads: every tensor in full, except the token embedding, of which a step reads
/// only one row per token — unless the model ties its output head to it, in which case the head reads it all.
/// </summary>
internal static class WeightTraffic
{
    public static long BytesPerStep(string path)
    {
        using var file = GgufFile.Open(path);
        var tied = file.FindTensor("output.weight") is null;
        long total = 0;
        foreach (var t in file.Tensors)
        {
            if (t.Name == "token_embd.weight" && !tied) total += t.ByteSize / Math.Max(1, t.Rows);
            else total += t.ByteSize;
        }
        return total;
    }
}
