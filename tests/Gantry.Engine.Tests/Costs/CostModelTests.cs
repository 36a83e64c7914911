using Gantry.Engine.Costs;
using Gantry.Models;
using Gantry.Tensors;

namespace Gantry.Engine.Tests.Costs;

public sealed class CostModelTests
{
    // A known shape: 2 layers, 4 heads of 8 dims, 2 KV heads (kv_dim 16), 1,000 parameters, 500 weight bytes.
    private static readonly ModelInfo Shape = new("llama", "shape", ParameterCount: 1000, ContextLength: 64, VocabSize: 10,
        LayerCount: 2, EmbeddingLength: 32, HeadCount: 4, HeadCountKv: 2, HeadDim: 8, new Dictionary<GgmlType, int>(), WeightBytes: 500);

    [Fact]
    public void Flops_KnownShape_EqualsPerPositionSum()
    {
        // Position by position: 2 FLOPs per parameter, plus 4·L·H·D per attended position (t + 1 at position t).
        double expected = 0;
        for (var t = 0; t < 3 + 3 - 1; t++) expected += 2.0 * 1000 + 4.0 * 2 * 4 * 8 * (t + 1);
        Assert.Equal(13_840, expected);
        Assert.Equal(expected, CostModel.Flops(Shape, promptTokens: 3, completionTokens: 3));
    }

    [Fact]
    public void Flops_MixtureOfExperts_CountsActiveParameters()
    {
        var moe = Shape with { ActiveParameterCount = 250 };
        Assert.Equal(CostModel.Flops(Shape, 4, 1) - 2.0 * 750 * 4, CostModel.Flops(moe, 4, 1));
    }

    [Fact]
    public void BytesRead_KnownShape_WeightsShareAndKvPerAttendedPosition()
    {
        double kv = 0;
        for (var t = 0; t < 5; t++) kv += 2.0 * 2 * 16 * 4 * (t + 1); // K and V, layers, kv_dim, f32, positions
        Assert.Equal(2 * 500 + kv, CostModel.BytesRead(Shape, 3, 3, weightShare: 2, kvBytesPerElement: 4));
        Assert.Equal(4840, 2 * 500 + kv);
    }

    [Fact]
    public void For_EnergyCarbonAndPrice_FromTheSettings()
    {
        var settings = new CostSettings
        {
            CpuWatts = 100,
            GridGco2PerKwh = 500,
            Prices = new Dictionary<string, TokenPrice> { ["m"] = new(0.5, 1.5) },
        };
        var cost = CostModel.For(Shape, "m", 2_000_000, 1_000_000, weightShare: 1, kvBytesPerElement: 4, cpuSeconds: 7.2, settings);
        Assert.Equal(720, cost.Joules, 9);           // 7.2 s × 100 W
        Assert.Equal(0.1, cost.GramsCo2e, 9);        // 720 J = 0.0002 kWh × 500 g/kWh
        Assert.Equal(2.5, cost.Price, 9);            // 2M × 0.5/M + 1M × 1.5/M
        Assert.Equal(0, CostModel.For(Shape, "unpriced", 10, 10, 1, 4, 1, settings).Price);
    }

    [Fact]
    public void Computed_CachedPrefix_LeavesOutThePositionsThatNeverRan()
    {
        // Positions 2..4 run (prompt 3 + completion 3 feeds 5 positions; the first 2 came from the cache).
        double flops = 0, kv = 0;
        for (var t = 2; t < 5; t++)
        {
            flops += 2.0 * 1000 + 4.0 * 2 * 4 * 8 * (t + 1);
            kv += 2.0 * 2 * 16 * 4 * (t + 1);
        }
        var cost = CostModel.Computed(Shape, 3, 3, cachedPromptTokens: 2, weightShare: 1.5, kvBytesPerElement: 4, cpuSeconds: 2, new CostSettings { CpuWatts = 10 });
        Assert.Equal(flops, cost.Flops, 6);
        Assert.Equal(1.5 * 500 + kv, cost.BytesRead, 6);
        Assert.Equal((2.0, 20.0, 0.0, 0.0), (cost.CpuSeconds, cost.Joules, cost.GramsCo2e, cost.Price));
        Assert.Equal(CostModel.For(Shape, "m", 3, 3, 1.5, 4, 2, new CostSettings { CpuWatts = 10 }),
            CostModel.Computed(Shape, 3, 3, 0, 1.5, 4, 2, new CostSettings { CpuWatts = 10 }));
    }

    [Fact]
    public void ParsePriceTable_LinesAndComments_EveryModel()
    {
        var table = CostSettings.ParsePriceTable("# model=in,out per 1M tokens\n\na=1,2\n  b = 0.5,0.25 # cheap\n");
        Assert.Equal(2, table.Count);
        Assert.Equal(new TokenPrice(1, 2), table["a"]);
        Assert.Equal(new TokenPrice(0.5, 0.25), table["b"]);
        var bad = Assert.Throws<FormatException>(() => CostSettings.ParsePriceTable("a=1,2\nb=1"));
        Assert.Contains("line 2", bad.Message);
        Assert.Contains("twice", Assert.Throws<FormatException>(() => CostSettings.ParsePriceTable("a=1,2\na=3,4")).Message);
    }

    [Theory]
    [InlineData("m=0.5,1.5", "m", 0.5, 1.5)]
    [InlineData("org/model:q4=0,2e1", "org/model:q4", 0, 20)]
    public void ParsePrice_ModelInOut(string spec, string model, double input, double output)
    {
        var (name, price) = CostSettings.ParsePrice(spec);
        Assert.Equal(model, name);
        Assert.Equal(new TokenPrice(input, output), price);
    }

    [Theory]
    [InlineData("m=1")]
    [InlineData("=1,2")]
    [InlineData("m=-1,2")]
    [InlineData("m=1,x")]
    [InlineData("m=NaN,1")]
    public void ParsePrice_Malformed_Throws(string spec) => Assert.Throws<FormatException>(() => CostSettings.ParsePrice(spec));
}
