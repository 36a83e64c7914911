using Gantry.Models.Architectures;
using Gantry.Models.Attention;
using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Models.Tests.Sharding;

public sealed class LayerSplitterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void BySize_EqualLayers_ContiguousCoverAndBalanced(int stages)
    {
        var ranges = LayerSplitter.BySize(Enumerable.Repeat(100L, 7).ToArray(), stages);
        Assert.Equal(stages, ranges.Length);
        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(7, ranges[^1].End);
        for (var i = 1; i < ranges.Length; i++) Assert.Equal(ranges[i - 1].End, ranges[i].Start);
        Assert.All(ranges, r => Assert.InRange(r.Count, 7 / stages, 7 / stages + 1));
    }

    [Fact]
    public void BySize_OneHeavyLayer_GetsAStageOfItsOwn()
    {
        var ranges = LayerSplitter.BySize([10, 10, 1000, 10, 10], 3);
        Assert.Contains(new LayerRange(2, 3), ranges);
    }

    [Fact]
    public void BySize_MoreStagesThanLayers_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplitter.BySize([1, 1], 3));

    [Theory]
    [InlineData("0-4", 0, 4)]
    [InlineData("3-5", 3, 5)]
    public void Parse_Valid_ReadsStartAndEnd(string text, int start, int end) => Assert.Equal(new LayerRange(start, end), LayerRange.Parse(text));

    [Theory]
    [InlineData("4-4")]
    [InlineData("-1-3")]
    [InlineData("a-b")]
    [InlineData("3")]
    public void Parse_Invalid_Throws(string text) => Assert.Throws<FormatException>(() => LayerRange.Parse(text));

    /// <summary>Stages chained in-process (no transport) give the whole model's logits bit for bit.</summary>
    [Fact]
    public void ForwardStage_ChainedStages_EqualWholeModelLogits()
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Small, "q8_0", 4, file.Path);
        using var pool = new WorkerPool(1);
        using var whole = ModelLoader.Load(file.Path, pool);
        var batch = new ForwardBatch();
        batch.Add([1, 2, 3, 4, 5], 0, [0], 1);
        batch.Add([7, 8], 0, [1], 2);
        var expected = new float[3 * whole.Info.VocabSize];
        using (var cache = whole.CreateKvCache(16, 2, KvCacheType.F32)) whole.Forward(batch, cache, expected);

        using var gguf = GgufFile.Open(file.Path);
        var ranges = LayerSplitter.BySize(gguf, whole.Info.LayerCount, 3);
        var stages = ranges.Select(r => ModelLoader.LoadStage(gguf, pool, r)).ToArray();
        var caches = stages.Select(s => s.CreateKvCache(16, 2, KvCacheType.F32)).ToArray();
        var hidden = new float[batch.TokenCount * whole.Info.EmbeddingLength];
        var next = new float[hidden.Length];
        var logits = new float[expected.Length];
        for (var i = 0; i < stages.Length; i++)
        {
            Assert.Equal(i == 0, stages[i].IsFirst);
            Assert.Equal(i == stages.Length - 1, stages[i].IsLast);
            Assert.Equal(ranges[i].Count, caches[i].LayerCount);
            stages[i].ForwardStage(batch, caches[i], hidden, stages[i].IsLast ? logits : next);
            (hidden, next) = (next, hidden);
        }
        Assert.Equal(expected, logits);
        foreach (var c in caches) c.Dispose();
        foreach (var s in stages) s.Dispose();
    }
}
