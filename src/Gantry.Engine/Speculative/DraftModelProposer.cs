using System.Runtime.InteropServices;
using Gantry.Engine.KvCache;
using Gantry.Models;
using Gantry.Models.Attention;

namespace Gantry.Engine.Speculative;

/// <summary>
/// Drafts with a smaller model of the same vocabulary: each step it catches its own KV cache up with the target
/// sequence (dropping whatever the target rejected) and decodes greedily ahead, batched across all sequences —
/// one draft forward pass per drafted position. Its cache is separate from the target's, with the same number
/// of token slots. The shadow sequences it keeps in that cache are its own, never scheduled, so it advances them
/// itself. Engine-loop thread only.
/// </summary>
public sealed class DraftModelProposer : IProposer
{
    private readonly ILanguageModel _draft;
    private readonly KvCacheStorage _storage;
    private readonly KvCacheManager _kv;
    private readonly Dictionary<long, Sequence> _shadows = [];
    private readonly ForwardBatch _batch = new();
    private readonly List<(DraftProposal Proposal, Sequence Shadow)> _active = [];
    private float[] _logits = [];

    public DraftModelProposer(ILanguageModel draft, ILanguageModel target, int blockSize, int tokenSlots)
    {
        CheckSameVocabulary(draft, target);
        _draft = draft;
        var blocks = Math.Max(1, tokenSlots / blockSize);
        _storage = draft.CreateKvCache(blockSize, blocks, KvCacheType.F32);
        _kv = new KvCacheManager(new BlockPool(blocks, blockSize), enablePrefixCaching: false);
    }

    public string Name => "draft";

    public void Propose(IReadOnlyList<DraftProposal> proposals)
    {
        _active.Clear();
        foreach (var proposal in proposals)
        {
            if (proposal.NumTokens <= 0) continue;
            var shadow = Sync(proposal.Sequence);
            if (shadow is not null) _active.Add((proposal, shadow));
        }
        var maxK = 0;
        foreach (var (proposal, _) in _active) maxK = Math.Max(maxK, proposal.NumTokens);
        for (var round = 0; round < maxK && _active.Count > 0; round++)
        {
            _batch.Clear();
            for (var i = _active.Count - 1; i >= 0; i--)
            {
                var (proposal, shadow) = _active[i];
                var pending = shadow.NumUncomputedTokens;
                if (proposal.Tokens.Count >= proposal.NumTokens || !_kv.CanAppend(shadow, pending))
                {
                    _active.RemoveAt(i);
                    continue;
                }
                _kv.Append(shadow, pending);
            }
            if (_active.Count == 0) break;
            foreach (var (_, shadow) in _active)
            {
                var tokens = shadow.TokenSpan[shadow.NumComputedTokens..];
                _batch.Add(tokens, shadow.NumComputedTokens, CollectionsMarshal.AsSpan(shadow.Blocks), 1);
            }
            var vocab = _draft.Info.VocabSize;
            if (_logits.Length < _active.Count * vocab) _logits = new float[_active.Count * vocab];
            _draft.Forward(_batch, _storage, _logits);
            for (var i = 0; i < _active.Count; i++)
            {
                var (proposal, shadow) = _active[i];
                shadow.NumComputedTokens = shadow.Tokens.Count;
                var next = Sampling.Argmax.Of(_logits.AsSpan(i * vocab, vocab));
                proposal.Tokens.Add(next);
                shadow.AppendToken(next);
            }
        }
    }

    public void Forget(long sequenceId)
    {
        if (!_shadows.Remove(sequenceId, out var shadow)) return;
        _kv.Free(shadow);
    }

    public void Dispose() => _storage.Dispose();

    /// <summary>Brings the shadow's tokens to the target's, keeping the cached prefix they share; null when out of memory.</summary>
    private Sequence? Sync(Sequence target)
    {
        var tokens = target.TokenSpan;
        if (!_shadows.TryGetValue(target.Id, out var shadow))
        {
            shadow = new Sequence(target.Id, tokens, int.MaxValue);
            _shadows[target.Id] = shadow;
            return shadow;
        }
        var common = shadow.TokenSpan.CommonPrefixLength(tokens);
        common = Math.Min(common, tokens.Length - 1); // the last target token is always (re)computed for fresh logits
        _kv.Truncate(shadow, Math.Min(shadow.NumComputedTokens, common));
        shadow.TruncateTokens(common);
        for (var i = common; i < tokens.Length; i++) shadow.AppendToken(tokens[i]);
        return shadow;
    }

    private static void CheckSameVocabulary(ILanguageModel draft, ILanguageModel target)
    {
        var d = draft.Tokenizer;
        var t = target.Tokenizer;
        if (d.VocabSize != t.VocabSize)
            throw new ModelFormatException($"the draft model's vocabulary has {d.VocabSize} tokens but the target's has {t.VocabSize}; speculative decoding needs the same vocabulary");
        for (var id = 0; id < t.VocabSize; id++)
        {
            if (d.TokenText(id) != t.TokenText(id))
                throw new ModelFormatException($"the draft model's token {id} is '{d.TokenText(id)}' but the target's is '{t.TokenText(id)}'; speculative decoding needs the same vocabulary");
        }
    }
}
