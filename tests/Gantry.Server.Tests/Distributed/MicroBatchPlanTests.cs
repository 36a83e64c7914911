using Gantry.Models.Attention;
using Gantry.Server.Distributed;
using Gantry.Tensors.Kernels;

namespace Gantry.Server.Tests.Distributed;

public sealed class MicroBatchPlanTests
{
    /// <summary>Sequences of these token counts; a negative count is a prefill chunk wanting no logits.</summary>
    private static ForwardBatch Batch(params int[] tokensPerSequence)
    {
        var batch = new ForwardBatch();
        var next = 1;
        foreach (var count in tokensPerSequence)
        {
            batch.Add(Enumerable.Range(next, Math.Abs(count)).ToArray(), 10, [next % 7], outputs: count > 0 ? 1 : 0);
            next += Math.Abs(count);
        }
        return batch;
    }

    private static int[] Plan(ForwardBatch batch, int target)
    {
        var starts = new int[16];
        return starts[..MicroBatchPlan.Plan(batch, target, starts)];
    }

    [Fact]
    public void Plan_EightDecodes_CutsIntoEqualGroupsOfFour()
    {
        Assert.Equal([0, 4], Plan(Batch(1, 1, 1, 1, 1, 1, 1, 1), 2));
        // Cuts only between groups of four tokens: a third and fourth micro-batch would need a cut at 2 or 6.
        Assert.Equal([0, 4], Plan(Batch(1, 1, 1, 1, 1, 1, 1, 1), 4));
        Assert.Equal([0, 4, 8, 12], Plan(Batch(Enumerable.Repeat(1, 16).ToArray()), 4));
    }

    [Fact]
    public void Plan_NoAlignedBoundary_KeepsOneBatch()
    {
        Assert.Equal([0], Plan(Batch(3, 9), 2)); // the only boundary, after 3 tokens, is inside a group of four
        Assert.Equal([0], Plan(Batch(40), 3));   // one sequence is never cut
        Assert.Equal([0], Plan(Batch(1, 1, 1, 1, 1, 1, 1, 1), 1));
    }

    [Fact]
    public void Plan_OutputRowsBeforeCutNotAGroup_NoCut()
    {
        // 3 + 9 tokens before the third sequence (a group boundary), but only two output rows: the output head would
        // multiply 2 + 1 rows where the whole batch multiplies 3 together, through another kernel.
        Assert.Equal([0], Plan(Batch(3, 9, 20), 2));
        // With the first prompts' rows a group of four, and four after, the cut is allowed.
        Assert.Equal([0, 4], Plan(Batch(3, 1, 7, 1, 20, 1, 1, 1), 2));
        // Fewer than four rows after the cut: the output head's last rows would meet another kernel.
        Assert.Equal([0], Plan(Batch(3, 1, 7, 1, 20), 2));
        // Chunks that want no logits do not count.
        Assert.Equal([0, 4], Plan(Batch(1, 1, 1, 1, -12, 1, 1, 1, 1), 2));
    }

    [Fact]
    public void Plan_MixedPrefillAndDecode_EveryCutAtATokenGroupAndEveryPartNonEmpty()
    {
        var batch = Batch(3, 9, 20, 1, 1, 1, 1, 12, 1, 1, 1, 1);
        var starts = Plan(batch, 3);
        Assert.True(starts.Length >= 2);
        for (var i = 1; i < starts.Length; i++)
        {
            Assert.True(starts[i] > starts[i - 1]);
            var at = batch.Sequences[starts[i]].TokenStart;
            Assert.Equal(0, at % MatMul.TokenGroup);
            Assert.Equal(0, batch.OutputRows.ToArray().Count(r => r < at) % MatMul.TokenGroup);
        }
    }

    [Fact]
    public void Slice_KeepsTokensPositionsTablesAndOutputs()
    {
        var batch = new ForwardBatch();
        batch.Add([1, 2, 3], 5, [4, 9], 1);
        batch.Add([7], 0, [2], 1);
        batch.Add([8, 9, 10, 11], 16, [0, 3], 0);
        batch.Add([12, 13], 30, [5, 6], 2);
        var part = new ForwardBatch();
        MicroBatchPlan.Slice(batch, 2, 4, part);
        Assert.Equal([8, 9, 10, 11, 12, 13], part.Tokens.ToArray());
        Assert.Equal([16, 17, 18, 19, 30, 31], part.Positions.ToArray());
        Assert.Equal([4, 5], part.OutputRows.ToArray()); // the last sequence's two rows; the chunk before it wants none
        Assert.Equal([0, 3], part.BlockTable(part.Sequences[0]).ToArray());
        Assert.Equal([5, 6], part.BlockTable(part.Sequences[1]).ToArray());
    }
}
