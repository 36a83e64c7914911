using Gantry.Engine.KvCache;
using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Tests.KvCache;

public sealed class KvCacheManagerTests
{
    private static Sequence Seq(long id, int length, int offset = 0, string? salt = null) =>
        new(id, Enumerable.Range(offset, length).ToArray(), maxTokens: 8, cacheSalt: salt);

    [Fact]
    public void TryAdmit_ColdPrompt_AllocatesBlocksForScheduledTokens()
    {
        var kv = new KvCacheManager(new BlockPool(10, 4));
        var seq = Seq(1, 10);
        Assert.Equal(0, kv.TryAdmit(seq, n => n));
        Assert.Equal(3, seq.BlockTable.Count);
        Assert.Equal(7, kv.Pool.BlocksFree);
    }

    [Fact]
    public void TryAdmit_SharedPrefix_ReusesFullBlocksButNeverTheLastToken()
    {
        var kv = new KvCacheManager(new BlockPool(10, 4));
        var first = Seq(1, 9);
        kv.TryAdmit(first, n => n);
        first.NumComputedTokens = 9;
        kv.CacheFullBlocks(first);

        var second = Seq(2, 9);
        Assert.Equal(8, kv.TryAdmit(second, n => n));
        Assert.Equal(first.BlockTable.Take(2), second.BlockTable.Take(2));
        Assert.Equal(2, kv.Pool.RefCount(first.BlockTable[0]));

        var same = Seq(3, 8); // exactly two blocks: the last one must still be computed for logits
        Assert.Equal(4, kv.TryAdmit(same, n => n));
    }

    [Fact]
    public void TryAdmit_DifferentSalt_DoesNotHit()
    {
        var kv = new KvCacheManager(new BlockPool(10, 4));
        var first = Seq(1, 9, salt: "tenant-a");
        kv.TryAdmit(first, n => n);
        first.NumComputedTokens = 9;
        kv.CacheFullBlocks(first);
        Assert.Equal(0, kv.TryAdmit(Seq(2, 9, salt: "tenant-b"), n => n));
        Assert.Equal(0, kv.TryAdmit(Seq(3, 9), n => n));
        Assert.Equal(8, kv.TryAdmit(Seq(4, 9, salt: "tenant-a"), n => n));
    }

    [Fact]
    public void TryAdmit_NotEnoughBlocks_ReturnsMinusOneAndChangesNothing()
    {
        var kv = new KvCacheManager(new BlockPool(2, 4));
        var seq = Seq(1, 9);
        Assert.Equal(-1, kv.TryAdmit(seq, n => n));
        Assert.Empty(seq.BlockTable);
        Assert.Equal(2, kv.Pool.BlocksFree);
    }

    [Fact]
    public void Free_AfterCaching_KeepsBlocksRevivableAndAllFree()
    {
        var kv = new KvCacheManager(new BlockPool(4, 4));
        var seq = Seq(1, 9);
        kv.TryAdmit(seq, n => n);
        seq.NumComputedTokens = 9;
        kv.CacheFullBlocks(seq);
        kv.Free(seq);
        Assert.Equal(4, kv.Pool.BlocksFree);
        Assert.Equal(2, kv.Pool.BlocksCached);
    }

    [Fact]
    public void Truncate_RollsBackBlocksAndHashes()
    {
        var kv = new KvCacheManager(new BlockPool(8, 4));
        var seq = Seq(1, 13);
        kv.TryAdmit(seq, n => n);
        seq.NumComputedTokens = 13;
        kv.CacheFullBlocks(seq);
        Assert.Equal(4, seq.BlockTable.Count);
        kv.Truncate(seq, 6);
        Assert.Equal(2, seq.BlockTable.Count);
        Assert.Single(seq.BlockHashes);
        Assert.Equal(6, seq.NumComputedTokens);
        Assert.Equal(6, kv.Pool.BlocksFree);
    }
}
