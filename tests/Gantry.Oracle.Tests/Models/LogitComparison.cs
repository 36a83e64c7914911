namespace Gantry.Oracle.Tests.Models;

/// <summary>How far two logit vectors are apart: the largest absolute difference relative to the reference's largest magnitude.</summary>
public static class LogitComparison
{
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0, scale = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]), $"logit {i} is {actual[i]}");
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return maxDiff / Math.Max(scale, 1e-12);
    }

    /// <summary>
    /// How many leading greedy tokens must agree: all of them up to (not including) the first step where the
    /// reference's own top-2 margin is under <paramref name="tieBound"/>, since a near-tie may legitimately flip.
    /// </summary>
    public static int ComparableSteps(float[] margins, float tieBound)
    {
        for (var i = 0; i < margins.Length; i++)
            if (margins[i] < tieBound) return i;
        return margins.Length;
    }
}
