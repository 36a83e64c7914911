namespace Gantry.Models.Tests.Architectures;

/// <summary>Logits of two kernel paths over the same weights: the same integers per block, summed in another order.</summary>
internal static class LogitAssert
{
    /// <summary>Every logit within <paramref name="tolerance"/> × (1 + the largest magnitude): an output that cancels
    /// to near zero is compared at the scale of the outputs, not its own.</summary>
    public static void Close(float[] expected, float[] actual, double tolerance)
    {
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + scale), $"logit {i}: {actual[i]} vs {expected[i]}");
    }
}
