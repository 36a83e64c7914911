using Gantry.Models.Attention;
using Gantry.Tensors.Kernels;

namespace Gantry.Server.Distributed;

/// <summary>
/// Where a pipeline step's batch is cut into micro-batches, so stage 1 can work on micro-batch m + 1 while stage 2
/// works on m. Cuts fall only between sequences (a sequence's tokens stay together, as its attention reads the keys
/// its earlier tokens write in the same step) and only where both the tokens and the output rows (those the last
/// stage's output head multiplies) are cut where <see cref="MatMul.SameBitsWhenCut"/> allows: between groups of four
/// rows, with at least four after the cut. Every row then meets the same kernel, and gets the same bits, as in the
/// whole batch. Within that rule the cuts come as close to equal token counts as they can.
/// </summary>
public static class MicroBatchPlan
{
    /// <summary>
    /// Writes into <paramref name="starts"/> the index of each micro-batch's first sequence (the first is 0) and
    /// returns how many there are: at most <paramref name="target"/>, 1 when no cut fits.
    /// </summary>
    public static int Plan(ForwardBatch batch, int target, Span<int> starts)
    {
        starts[0] = 0;
        var sequences = batch.Sequences;
        var n = batch.TokenCount;
        var count = 1;
        for (var k = 1; k < target && count < starts.Length; k++)
        {
            var ideal = (double)k * n / target;
            var best = -1;
            var bestDistance = double.MaxValue;
            var outputRows = batch.OutputRows;
            var outputsBefore = 0;
            for (var i = 1; i < sequences.Length; i++)
            {
                var at = sequences[i].TokenStart;
                while (outputsBefore < outputRows.Length && outputRows[outputsBefore] < at) outputsBefore++;
                if (i <= starts[count - 1] || !MatMul.SameBitsWhenCut(n, at) || !MatMul.SameBitsWhenCut(outputRows.Length, outputsBefore)) continue;
                var distance = Math.Abs(at - ideal);
                if (distance < bestDistance)
                {
                    best = i;
                    bestDistance = distance;
                }
            }
            if (best < 0) break;
            starts[count++] = best;
        }
        return count;
    }

    /// <summary>Copies sequences [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="batch"/> into <paramref name="part"/> (cleared first).</summary>
    public static void Slice(ForwardBatch batch, int first, int end, ForwardBatch part)
    {
        part.Clear();
        var sequences = batch.Sequences;
        var outputRows = batch.OutputRows;
        var nextOutput = 0;
        for (var i = 0; i < end; i++)
        {
            var s = sequences[i];
            // A sequence's output rows are its last tokens (ForwardBatch.Add), so a count says which.
            var outputs = 0;
            while (nextOutput < outputRows.Length && outputRows[nextOutput] < s.TokenStart + s.TokenCount) { outputs++; nextOutput++; }
            if (i >= first) part.Add(batch.Tokens.Slice(s.TokenStart, s.TokenCount), s.StartPosition, batch.BlockTable(s), outputs, s.Lora);
        }
    }
}
