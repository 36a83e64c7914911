using Gantry.Engine.Constraints;
using Gantry.Engine.Sampling;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Models.Attention;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Engine.Tests.Constraints;

/// <summary>
/// A random-weight model with a real 32k vocabulary (llama-2-tiny-random) and its token trie, driven token by token
/// under a grammar constraint: the harshest user of a grammar, since it never prefers valid text.
/// </summary>
public sealed class ConstraintModelFixture : IDisposable
{
    private readonly WorkerPool _pool = new(1);

    public ConstraintModelFixture()
    {
        Model = ModelLoader.Load(SharedModels.LlamaTinyRandom, _pool);
        Trie = new TokenTrie(Model.Tokenizer);
    }

    public ILanguageModel Model { get; }

    public TokenTrie Trie { get; }

    /// <summary>
    /// Samples up to <paramref name="maxTokens"/> tokens under <paramref name="grammar"/> (temperature 1, seeded).
    /// Returns the generated tokens; every one was checked with <see cref="GrammarConstraint.Accept"/>.
    /// </summary>
    public (List<int> Tokens, GrammarConstraint Constraint) Generate(TokenMasker masker, int maxTokens, ulong seed, bool greedy = false)
    {
        var constraint = new GrammarConstraint(masker, maxTokens);
        var processor = new GrammarLogitsProcessor(constraint);
        var vocab = Model.Info.VocabSize;
        var candidates = new CandidateSet(vocab);
        var rng = new Xoshiro256StarStar(seed);
        int[] prompt = [Model.Tokenizer.BosId, 450, 1234];
        const int BlockSize = 16;
        var blocks = (prompt.Length + maxTokens + BlockSize) / BlockSize;
        using var cache = Model.CreateKvCache(BlockSize, blocks, KvCacheType.F32);
        var table = Enumerable.Range(0, blocks).ToArray();
        var batch = new ForwardBatch();
        var logits = new float[vocab];
        batch.Add(prompt, 0, table);
        Model.Forward(batch, cache, logits);
        var tokens = new List<int>();
        var position = prompt.Length;
        for (var step = 0; step < maxTokens; step++)
        {
            candidates.Reset(logits);
            processor.Apply(candidates);
            var token = greedy ? Argmax.Select(candidates) : CategoricalDraw.Select(candidates, rng);
            Assert.True(constraint.Accept(token), $"sampled token {token} is not allowed");
            tokens.Add(token);
            if (constraint.IsFinished) break;
            batch.Clear();
            batch.Add([token], position++, table);
            Model.Forward(batch, cache, logits);
        }
        return (tokens, constraint);
    }

    public void Dispose()
    {
        Model.Dispose();
        _pool.Dispose();
    }
}
