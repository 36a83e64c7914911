using Gantry.Engine.KvCache;

namespace Gantry.Engine.Tests.KvCache;

public sealed class BlockPoolTests
{
    [Fact]
    public void Allocate_TakesFreeBlocks_ReleaseReturnsThem()
    {
        var pool = new BlockPool(4, 16);
        var blocks = new List<int>();
        pool.Allocate(3, blocks);
        Assert.Equal(3, blocks.Distinct().Count());
        Assert.Equal(1, pool.BlocksFree);
        foreach (var b in blocks) pool.Release(b);
        Assert.Equal(4, pool.BlocksFree);
    }

    [Fact]
    public void Allocate_MoreThanFree_ThrowsAndChangesNothing()
    {
        var pool = new BlockPool(2, 16);
        var blocks = new List<int>();
        Assert.Throws<InvalidOperationException>(() => pool.Allocate(3, blocks));
        Assert.Empty(blocks);
        Assert.Equal(2, pool.BlocksFree);
    }

    [Fact]
    public void Lookup_RegisteredBlock_FoundUntilEvicted()
    {
        var pool = new BlockPool(2, 4);
        var blocks = new List<int>();
        pool.Allocate(1, blocks);
        int[] tokens = [1, 2, 3, 4];
        pool.Register(blocks[0], 42, tokens);
        pool.Release(blocks[0]);
        Assert.Equal(blocks[0], pool.Lookup(42, tokens));
        Assert.Equal(-1, pool.Lookup(42, [1, 2, 3, 5])); // same hash, other tokens: never a false hit

        // Two allocations: the never-used block goes first (LRU), then the cached one is evicted.
        var more = new List<int>();
        pool.Allocate(1, more);
        Assert.Equal(blocks[0], pool.Lookup(42, tokens));
        pool.Allocate(1, more);
        Assert.Equal(-1, pool.Lookup(42, tokens));
    }

    [Fact]
    public void Share_IdleCachedBlock_RevivesItFromTheFreeQueue()
    {
        var pool = new BlockPool(3, 2);
        var blocks = new List<int>();
        pool.Allocate(1, blocks);
        pool.Register(blocks[0], 7, [5, 6]);
        pool.Release(blocks[0]);
        Assert.Equal(3, pool.BlocksFree);
        pool.Share(blocks[0]);
        Assert.Equal(2, pool.BlocksFree);
        Assert.Equal(1, pool.RefCount(blocks[0]));
        var others = new List<int>();
        pool.Allocate(2, others);
        Assert.DoesNotContain(blocks[0], others);
    }
}
