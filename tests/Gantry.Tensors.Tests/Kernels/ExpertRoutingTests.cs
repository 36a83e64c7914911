using Gantry.Tensors.Kernels;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>The router's top-k choice and weights against the scalar reference, with and without renormalisation.</summary>
public sealed class ExpertRoutingTests
{
    [Theory]
    [InlineData(8, 2, true)]
    [InlineData(8, 2, false)]
    [InlineData(60, 4, false)]
    [InlineData(128, 8, true)]
    [InlineData(4, 4, true)]
    public void Select_RandomLogits_MatchesReference(int experts, int k, bool normalize)
    {
        for (var trial = 0; trial < 50; trial++)
        {
            var logits = TestData.Floats(experts, 100 + trial, scale: 4f);
            var expectedExperts = new int[k];
            var expectedWeights = new float[k];
            ExpertRouting.Reference(logits, expectedExperts, expectedWeights, normalize);
            var chosen = new int[k];
            var weights = new float[k];
            ExpertRouting.Select((float[])logits.Clone(), chosen, weights, normalize);
            Assert.Equal(expectedExperts, chosen);
            for (var j = 0; j < k; j++) Assert.Equal(expectedWeights[j], weights[j], 1e-6);
            if (normalize) Assert.Equal(1.0, weights.Sum(), 1e-5);
        }
    }

    [Fact]
    public void Select_TiedLogits_PrefersTheLowerIndex()
    {
        float[] logits = [1f, 3f, 3f, 0f];
        var chosen = new int[2];
        ExpertRouting.Select(logits, chosen, new float[2], normalize: true);
        Assert.Equal([1, 2], chosen);
    }
}
