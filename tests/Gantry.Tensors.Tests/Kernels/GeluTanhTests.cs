using Gantry.Tensors.Kernels;

namespace Gantry.Tensors.Tests.Kernels;

public sealed class GeluTanhTests
{
    /// <summary>
    /// The kernel rounds GELU's input and output to f16 as llama.cpp's table does, so it agrees with the exact
    /// reference within two f16 roundings (relative 2⁻¹⁰), and exactly past ±10 where both short-circuit.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(256)]
    [InlineData(1000)]
    public void Apply_RandomGateAndUp_MatchesReferenceWithinF16Rounding(int n)
    {
        var gate = TestData.Floats(n, 11, scale: 12f);
        var up = TestData.Floats(n, 12);
        var expected = new float[n];
        var actual = new float[n];
        GeluTanh.Reference(gate, up, expected);
        GeluTanh.Apply(gate, up, actual);
        for (var i = 0; i < n; i++)
        {
            // An input rounded to f16 moves by up to 2⁻¹¹ relative; GELU's slope is at most ~1.13.
            var tolerance = 2e-3 * Math.Abs(up[i]) * (Math.Abs(gate[i]) + 1e-2);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"gelu({gate[i]})·{up[i]}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Apply_InPlaceOnGate_GivesTheSameResult()
    {
        var gate = TestData.Floats(300, 13, scale: 4f);
        var up = TestData.Floats(300, 14);
        var separate = new float[300];
        GeluTanh.Apply(gate, up, separate);
        GeluTanh.Apply(gate, up, gate);
        Assert.Equal(separate, gate);
    }
}
