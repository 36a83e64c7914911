using Gantry.Tensors.Kernels;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>Attention's per-head loops against their double-precision references, over many head sizes (8-lane and fallback paths).</summary>
public sealed class AttentionHeadTests
{
    public static TheoryData<int> Lengths => new() { 1, 4, 7, 8, 16, 24, 63, 64, 96, 128, 256 };

    public static TheoryData<int, int> LengthsAndCounts()
    {
        var data = new TheoryData<int, int>();
        foreach (var n in (int[])[1, 7, 8, 16, 24, 63, 64, 96, 128, 256])
            foreach (var count in (int[])[1, 3, 4, 5, 16, 17])
                data.Add(n, count);
        return data;
    }

    [Theory]
    [MemberData(nameof(LengthsAndCounts))]
    public unsafe void Scores_RandomKeys_MatchReference(int n, int count)
    {
        const int pad = 3; // rows wider than the head, as heads sit inside a KV row
        var q = TestData.Floats(n + 1, 1)[1..]; // misaligned by one float
        var keys = TestData.Floats(count * (n + pad), 2);
        var s = new float[count];
        fixed (float* qp = q)
        fixed (float* kp = keys)
        fixed (float* sp = s)
            AttentionHead.Scores(qp, kp, n + pad, count, 0.125f, sp, n);
        for (var i = 0; i < count; i++)
            Assert.Equal(0.125 * AttentionHead.Reference.Dot(q, keys.AsSpan(i * (n + pad), n)), s[i], 1e-6 * n);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(8)]
    public unsafe void Scores_KeyScoredAloneOrInAGroup_SameBits(int n)
    {
        // A key's score must not depend on where a run of keys starts (a verify step and a one-token step split the
        // same positions differently), or speculative and plain greedy decoding could part ways.
        var q = TestData.Floats(n, 7);
        var keys = TestData.Floats(9 * n, 8);
        var together = new float[9];
        var alone = new float[9];
        fixed (float* qp = q)
        fixed (float* kp = keys)
        fixed (float* tp = together)
        fixed (float* ap = alone)
        {
            AttentionHead.Scores(qp, kp, n, 9, 0.3f, tp, n);
            for (var i = 0; i < 9; i++) AttentionHead.Scores(qp, kp + i * n, n, 1, 0.3f, ap + i, n);
            AttentionHead.Scores(qp, kp + 2 * n, n, 4, 0.3f, ap + 2, n); // a group of four starting elsewhere
        }
        Assert.Equal(together, alone);
    }

    [Theory]
    [MemberData(nameof(LengthsAndCounts))]
    public unsafe void WeightedSum_RandomValues_MatchesRowByRowReference(int n, int count)
    {
        const int pad = 5;
        var values = TestData.Floats(count * (n + pad), 3);
        var w = TestData.Floats(count, 4);
        var o = TestData.Floats(n, 5);
        var expected = (float[])o.Clone();
        for (var i = 0; i < count; i++) AttentionHead.Reference.MultiplyAdd(values.AsSpan(i * (n + pad), n), w[i], expected);
        fixed (float* vp = values)
        fixed (float* wp = w)
        fixed (float* op = o)
            AttentionHead.WeightedSum(vp, n + pad, wp, count, op, n);
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], o[i], 1e-5);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftMaxAndSoftCap_RandomScores_MatchReference(int n)
    {
        foreach (var cap in (float[])[0f, 5f, 50f])
        {
            var s = TestData.Floats(n, 5, scale: 20f);
            var expected = (float[])s.Clone();
            AttentionHead.Reference.SoftCap(expected, cap);
            AttentionHead.Reference.SoftMax(expected);
            AttentionHead.SoftCap(s, cap);
            AttentionHead.SoftMax(s);
            for (var i = 0; i < n; i++) Assert.Equal(expected[i], s[i], 1e-5);
        }
    }

    [Fact]
    public void SoftCap_LargeScores_StayWithinTheCap()
    {
        float[] s = [1000f, -1000f, 0f, 30f];
        AttentionHead.SoftCap(s, 30f);
        Assert.All(s, v => Assert.InRange(v, -30f, 30f));
        Assert.Equal(0f, s[2]);
    }
}
