using System.Diagnostics;

namespace Gantry.Engine.KvCache;

/// <summary>
/// The fixed set of KV cache blocks: reference counts, a free queue ordered least-recently-used first, and the
/// content-address index of full blocks (prefix cache). A block whose count drops to zero joins the tail of the
/// free queue but keeps its contents and hash, so a later request with the same prefix can revive it; allocation
/// takes from the head, evicting the oldest cached contents only when memory is actually needed.
/// Owned by the engine-loop thread; not thread-safe.
/// </summary>
public sealed class BlockPool
{
    private const int None = -1;
    private readonly int[] _refCount;
    private readonly ulong[] _hash;
    private readonly bool[] _hasHash;
    private readonly int[][] _tokens;       // (block, blockSize) the tokens a hashed block holds, to verify hits
    private readonly int[] _prev, _next;    // doubly linked free queue, O(1) removal on revival
    private readonly Dictionary<ulong, int> _byHash = [];
    private int _head = None, _tail = None;

    public BlockPool(int blockCount, int blockSize)
    {
        if (blockCount <= 0) throw new ArgumentOutOfRangeException(nameof(blockCount), "the KV cache needs at least one block");
        if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize));
        BlockCount = blockCount;
        BlockSize = blockSize;
        _refCount = new int[blockCount];
        _hash = new ulong[blockCount];
        _hasHash = new bool[blockCount];
        _tokens = new int[blockCount][];
        _prev = new int[blockCount];
        _next = new int[blockCount];
        for (var b = 0; b < blockCount; b++) Enqueue(b);
        BlocksFree = blockCount;
    }

    public int BlockCount { get; }

    public int BlockSize { get; }

    /// <summary>Blocks with no reference (including cached ones that may still be revived).</summary>
    public int BlocksFree { get; private set; }

    public int BlocksUsed => BlockCount - BlocksFree;

    /// <summary>Blocks holding reusable prefix contents, referenced or not.</summary>
    public int BlocksCached => _byHash.Count;

    public int RefCount(int block) => _refCount[block];

    /// <summary>Takes <paramref name="count"/> blocks from the free queue; the caller checks <see cref="BlocksFree"/> first.</summary>
    public void Allocate(int count, List<int> into)
    {
        if (count > BlocksFree) throw new InvalidOperationException($"asked for {count} blocks with {BlocksFree} free; call CanAllocate first");
        for (var i = 0; i < count; i++)
        {
            var b = _head;
            Dequeue(b);
            Forget(b);
            _refCount[b] = 1;
            BlocksFree--;
            into.Add(b);
        }
    }

    /// <summary>Looks up a full block by content hash, verifying its tokens; returns the block or -1.</summary>
    public int Lookup(ulong hash, ReadOnlySpan<int> tokens)
    {
        if (!_byHash.TryGetValue(hash, out var b)) return None;
        return tokens.SequenceEqual(_tokens[b]) ? b : None;
    }

    /// <summary>Adds a reference to a cached block found by <see cref="Lookup"/>, reviving it from the free queue if idle.</summary>
    public void Share(int block)
    {
        if (_refCount[block]++ == 0)
        {
            Dequeue(block);
            BlocksFree--;
        }
    }

    /// <summary>Drops one reference; an unreferenced block returns to the free queue's tail (most recently used).</summary>
    public void Release(int block)
    {
        Debug.Assert(_refCount[block] > 0, "released a free block");
        if (--_refCount[block] > 0) return;
        Enqueue(block);
        BlocksFree++;
    }

    /// <summary>Records that a full block holds <paramref name="tokens"/> under <paramref name="hash"/>, so later prompts can reuse it.</summary>
    public void Register(int block, ulong hash, ReadOnlySpan<int> tokens)
    {
        Debug.Assert(_refCount[block] > 0 && tokens.Length == BlockSize);
        if (_hasHash[block] || _byHash.ContainsKey(hash)) return; // an identical block is already cached; keep the first
        _hasHash[block] = true;
        _hash[block] = hash;
        _tokens[block] = tokens.ToArray();
        _byHash[hash] = block;
    }

    /// <summary>
    /// Drops every content hash, referenced or idle: the blocks' contents can no longer be trusted (a model stage that
    /// held them was lost), so no later prompt may reuse them. Reference counts and the free queue are untouched.
    /// </summary>
    public void ForgetAll()
    {
        for (var b = 0; b < BlockCount; b++) Forget(b);
    }

    private void Forget(int block)
    {
        if (!_hasHash[block]) return;
        _byHash.Remove(_hash[block]);
        _hasHash[block] = false;
        _tokens[block] = null!;
    }

    private void Enqueue(int b)
    {
        _prev[b] = _tail;
        _next[b] = None;
        if (_tail != None) _next[_tail] = b;
        else _head = b;
        _tail = b;
    }

    private void Dequeue(int b)
    {
        if (_prev[b] != None) _next[_prev[b]] = _next[b];
        else _head = _next[b];
        if (_next[b] != None) _prev[_next[b]] = _prev[b];
        else _tail = _prev[b];
    }
}
