using Gantry.Tensors.Kernels;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>Attention's per-head loops against their double-precision references, over many head sizes (8-lane and fallback paths).</summary>
public sealed class AttentionHeadTests
{
    public static TheoryData<int> Lengths => new() { 1, 4, 7, 8, 16, 24, 63, 64, 96, 128, 256 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public unsafe void Dot_RandomHeads_MatchesReference(int n)
    {
        var q = TestData.Floats(n + 1, 1)[1..]; // misaligned by one float
        var k = TestData.Floats(n, 2);
        fixed (float* qp = q)
        fixed (float* kp = k)
            Assert.Equal(AttentionHead.Reference.Dot(q, k), AttentionHead.Dot(qp, kp, n), 1e-5 * n);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public unsafe void MultiplyAdd_RandomHeads_MatchesReference(int n)
    {
        var v = TestData.Floats(n, 3);
        var o = TestData.Floats(n, 4);
        var expected = (float[])o.Clone();
        AttentionHead.Reference.MultiplyAdd(v, 0.37f, expected);
        fixed (float* vp = v)
        fixed (float* op = o)
            AttentionHead.MultiplyAdd(vp, 0.37f, op, n);
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], o[i], 1e-6);
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
