using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Attention;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Safetensors;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Lora;

/// <summary>
/// A PEFT adapter directory holding the same A and B as a GGUF LoRA file decodes the same greedy tokens with the same
/// log-probabilities as that file, and as the base with the deltas merged into its weights.
/// </summary>
public sealed class PeftForwardTests
{
    private static readonly int[] Prompt = [1, 17, 300, 42, 7, 999];
    private const int Steps = 12;

    /// <summary>Greedy decoding, one token per step through the KV cache: the tokens and each one's log-probability.</summary>
    private static (int[] Tokens, double[] LogProbs) Greedy(DecoderModel model, LoraSet? lora)
    {
        using var cache = model.CreateKvCache(16, 2, KvCacheType.F32);
        var vocab = model.Info.VocabSize;
        var logits = new float[vocab];
        var tokens = new int[Steps];
        var logProbs = new double[Steps];
        var batch = new ForwardBatch();
        batch.Add(Prompt, 0, [0, 1], 1, lora);
        for (var step = 0; step < Steps; step++)
        {
            model.Forward(batch, cache, logits);
            var best = 0;
            for (var v = 1; v < vocab; v++) if (logits[v] > logits[best]) best = v;
            double sum = 0;
            foreach (var l in logits) sum += Math.Exp(l - logits[best]);
            (tokens[step], logProbs[step]) = (best, -Math.Log(sum));
            batch = new ForwardBatch();
            batch.Add([best], Prompt.Length + step, [0, 1], 1, lora);
        }
        return (tokens, logProbs);
    }

    [Theory]
    [InlineData(8, -1f, false)]
    [InlineData(4, 2f, false)]
    [InlineData(16, 8f, true)]
    public void Greedy_PeftAdapter_EqualsGgufAdapterAndMergedWeights(int rank, float alpha, bool useRslora)
    {
        using TempFile basePath = new(), ggufAdapter = new(), mergedPath = new();
        using var peft = new TempDirectory();
        LoraTestModels.WriteBase(basePath.Path);
        LoraTestModels.WriteAdapter(ggufAdapter.Path, seed: 9, rank, alpha, strength: 0.5f);
        PeftTestAdapters.Write(peft.Path, seed: 9, rank, alpha, strength: 0.5f, useRslora: useRslora);
        LoraTestModels.WriteMerged(basePath.Path, ggufAdapter.Path, mergedPath.Path);
        using var pool = new WorkerPool(2);
        using var model = (DecoderModel)ModelLoader.Load(basePath.Path, pool);
        using var merged = (DecoderModel)ModelLoader.Load(mergedPath.Path, pool);

        var fromGguf = Greedy(model, new LoraSet(LoraAdapterLoader.Load(ggufAdapter.Path, model.LoraShape)));
        var fromPeft = Greedy(model, new LoraSet(LoraAdapterLoader.Load(peft.Path, model.LoraShape)));
        var fromMerged = Greedy(merged, null);

        Assert.Equal(fromGguf.Tokens, fromPeft.Tokens);
        Assert.Equal(fromMerged.Tokens, fromPeft.Tokens);
        for (var i = 0; i < Steps; i++)
        {
            // Same weights and (up to rsLoRA's float rounding of the scale) the same factor: equal to float precision.
            Assert.True(Math.Abs(fromGguf.LogProbs[i] - fromPeft.LogProbs[i]) <= 1e-5, $"step {i}: GGUF {fromGguf.LogProbs[i]} vs PEFT {fromPeft.LogProbs[i]}");
            // Merging sums B·A into W in another order: equal to a few float roundings of logits of size ~10.
            Assert.True(Math.Abs(fromMerged.LogProbs[i] - fromPeft.LogProbs[i]) <= 2e-3, $"step {i}: merged {fromMerged.LogProbs[i]} vs PEFT {fromPeft.LogProbs[i]}");
        }
        // The adapter matters: the base alone decodes something else.
        Assert.NotEqual(Greedy(model, null).Tokens, fromPeft.Tokens);
    }

    [Fact]
    public void Greedy_Bf16PeftAdapter_StaysCloseToTheF32One()
    {
        using var basePath = new TempFile();
        using TempDirectory f32 = new(), bf16 = new();
        LoraTestModels.WriteBase(basePath.Path);
        PeftTestAdapters.Write(f32.Path, seed: 9, strength: 0.5f);
        PeftTestAdapters.Write(bf16.Path, seed: 9, strength: 0.5f, dtype: SafetensorsDtype.BF16);
        using var pool = new WorkerPool(2);
        using var model = (DecoderModel)ModelLoader.Load(basePath.Path, pool);
        var exact = Greedy(model, new LoraSet(LoraAdapterLoader.Load(f32.Path, model.LoraShape)));
        var rounded = Greedy(model, new LoraSet(LoraAdapterLoader.Load(bf16.Path, model.LoraShape)));
        // BF16 keeps 8 bits of mantissa: the first token's log-probability moves by well under 0.05.
        Assert.Equal(exact.Tokens[0], rounded.Tokens[0]);
        Assert.True(Math.Abs(exact.LogProbs[0] - rounded.LogProbs[0]) < 0.05);
    }
}
