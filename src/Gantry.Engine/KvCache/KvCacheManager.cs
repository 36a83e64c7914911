namespace Gantry.Engine.KvCache;

/// <summary>
/// Gives sequences the blocks they need, reusing cached prefix blocks where the prompt matches. Every method that
/// changes state has a <c>Can…</c> twin that answers first; a refused request leaves nothing half-done.
/// Owned by the engine-loop thread.
/// </summary>
public sealed class KvCacheManager(BlockPool pool, bool enablePrefixCaching = true)
{
    private readonly List<int> _hits = [];
    private readonly List<ulong> _hitHashes = [];

    public BlockPool Pool { get; } = pool;

    public bool PrefixCachingEnabled { get; } = enablePrefixCaching;

    public int BlockSize => Pool.BlockSize;

    /// <summary>Prompt tokens looked up at admission, and how many of them were found cached.</summary>
    public long PrefixQueriedTokens { get; private set; }

    public long PrefixHitTokens { get; private set; }

    public int BlocksFor(int tokens) => (tokens + BlockSize - 1) / BlockSize;

    /// <summary>
    /// Admits a waiting sequence: reuses its cached prefix blocks and allocates blocks for
    /// <paramref name="numNewTokens"/> more, or changes nothing and returns false when memory is short.
    /// On success <see cref="Sequence.NumComputedTokens"/> jumps past the cached prefix.
    /// </summary>
    /// <param name="numNewTokens">Tokens to compute this step after the cached prefix; capped by the caller's budget.</param>
    /// <returns>The number of tokens found cached, or -1 when the blocks are not available.</returns>
    public int TryAdmit(Sequence seq, Func<int, int> numNewTokens)
    {
        System.Diagnostics.Debug.Assert(seq.Blocks.Count == 0 && seq.NumComputedTokens == 0);
        var cached = FindCachedPrefix(seq);
        var newTokens = numNewTokens(seq.Tokens.Count - cached);
        var blocksNeeded = BlocksFor(cached + newTokens) - _hits.Count;
        var revived = 0;
        foreach (var b in _hits) if (Pool.RefCount(b) == 0) revived++;
        if (blocksNeeded + revived > Pool.BlocksFree) return -1;

        foreach (var b in _hits) Pool.Share(b);
        seq.Blocks.AddRange(_hits);
        seq.Hashes.AddRange(_hitHashes);
        Pool.Allocate(blocksNeeded, seq.Blocks);
        seq.NumComputedTokens = cached;
        seq.NumCachedTokens = cached;
        PrefixQueriedTokens += seq.Tokens.Count;
        PrefixHitTokens += cached;
        return cached;
    }

    /// <summary>True when a running sequence can grow its cache to hold <paramref name="numNewTokens"/> more tokens.</summary>
    public bool CanAppend(Sequence seq, int numNewTokens) =>
        BlocksFor(seq.NumComputedTokens + numNewTokens) - seq.Blocks.Count <= Pool.BlocksFree;

    public void Append(Sequence seq, int numNewTokens)
    {
        var needed = BlocksFor(seq.NumComputedTokens + numNewTokens) - seq.Blocks.Count;
        if (needed > 0) Pool.Allocate(needed, seq.Blocks);
    }

    /// <summary>Registers the sequence's newly completed blocks in the prefix cache (after a step computed them).</summary>
    public void CacheFullBlocks(Sequence seq)
    {
        if (!PrefixCachingEnabled) return;
        var full = seq.NumComputedTokens / BlockSize;
        var tokens = seq.TokenSpan;
        for (var i = seq.Hashes.Count; i < full; i++)
        {
            var parent = i == 0 ? BlockHasher.Root(seq.CacheSalt, seq.Lora?.CacheKey ?? 0) : seq.Hashes[i - 1];
            var blockTokens = tokens.Slice(i * BlockSize, BlockSize);
            var hash = BlockHasher.Chain(parent, blockTokens);
            seq.Hashes.Add(hash);
            Pool.Register(seq.Blocks[i], hash, blockTokens);
        }
    }

    /// <summary>
    /// Drops the cache entries past <paramref name="numTokens"/> (rejected speculative tokens): blocks no longer
    /// needed go back to the pool and the computed count is rolled back.
    /// </summary>
    public void Truncate(Sequence seq, int numTokens)
    {
        seq.NumComputedTokens = Math.Min(seq.NumComputedTokens, numTokens);
        var keep = BlocksFor(numTokens);
        for (var i = seq.Blocks.Count - 1; i >= keep; i--)
        {
            Pool.Release(seq.Blocks[i]);
            seq.Blocks.RemoveAt(i);
        }
        var fullBlocks = numTokens / BlockSize;
        if (seq.Hashes.Count > fullBlocks) seq.Hashes.RemoveRange(fullBlocks, seq.Hashes.Count - fullBlocks);
    }

    /// <summary>Returns all of a sequence's blocks; tail blocks first, so the shared prefix heads stay cached longest.</summary>
    public void Free(Sequence seq)
    {
        for (var i = seq.Blocks.Count - 1; i >= 0; i--) Pool.Release(seq.Blocks[i]);
        seq.Blocks.Clear();
        seq.Hashes.Clear();
        seq.NumComputedTokens = 0;
    }

    /// <summary>Fills <see cref="_hits"/> with the cached blocks of the prompt prefix and returns the tokens they cover.</summary>
    private int FindCachedPrefix(Sequence seq)
    {
        _hits.Clear();
        _hitHashes.Clear();
        if (!PrefixCachingEnabled) return 0;
        // At least one token is always computed, so the step has logits to sample from.
        var maxBlocks = (seq.Tokens.Count - 1) / BlockSize;
        var tokens = seq.TokenSpan;
        var parent = BlockHasher.Root(seq.CacheSalt, seq.Lora?.CacheKey ?? 0);
        for (var i = 0; i < maxBlocks; i++)
        {
            var blockTokens = tokens.Slice(i * BlockSize, BlockSize);
            var hash = BlockHasher.Chain(parent, blockTokens);
            var block = Pool.Lookup(hash, blockTokens);
            if (block < 0) break;
            _hits.Add(block);
            _hitHashes.Add(hash);
            parent = hash;
        }
        return _hits.Count * BlockSize;
    }
}
