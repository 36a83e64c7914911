using System.Runtime.InteropServices;

namespace Gantry.Models.Attention;

/// <summary>
/// The memory behind a paged KV cache: one native allocation holding <see cref="BlockCount"/> blocks of
/// <see cref="BlockSize"/> token slots for every layer. The engine's block manager hands out block ids; the model
/// reads and writes slots through a sequence's block table. This type knows nothing about ownership.
/// Layout: (layer, block, slot, kvDim) for keys, then the same for values.
/// </summary>
public sealed unsafe class KvCacheStorage : IDisposable
{
    private byte* _memory; // 64-byte aligned, inside _raw
    private byte* _raw;

    public KvCacheStorage(int layerCount, int kvDim, int headDim, int blockSize, int blockCount, KvCacheType type = KvCacheType.F32)
    {
        if (layerCount <= 0 || kvDim <= 0 || headDim <= 0 || kvDim % headDim != 0 || blockSize <= 0 || blockCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(blockCount), "cache dimensions must be positive and kvDim a multiple of headDim");
        Int8 = new Int8KvCodec(type == KvCacheType.Q8_0 ? headDim : 32);
        LayerCount = layerCount;
        KvDim = kvDim;
        BlockSize = blockSize;
        BlockCount = blockCount;
        Type = type;
        RowBytes = RowBytesFor(kvDim, headDim, type);
        TotalBytes = 2L * layerCount * blockCount * blockSize * RowBytes;
        // Zeroed by the allocator: a large calloc maps fresh zero pages from the OS, which become resident only when a
        // block is first written, instead of touching every page here. Loading a model (a cold start after an idle
        // unload, a swap) then costs no pass over the whole cache, and memory grows with the blocks actually used.
        _raw = (byte*)NativeMemory.AllocZeroed((nuint)(TotalBytes + 64));
        _memory = (byte*)(((nuint)_raw + 63) & ~(nuint)63);
    }

    public int LayerCount { get; }

    /// <summary>Floats per token per layer for keys (and again for values): kvHeads × headDim.</summary>
    public int KvDim { get; }

    public int BlockSize { get; }

    public int BlockCount { get; }

    public KvCacheType Type { get; }

    /// <summary>Bytes of one token's keys (or values) in one layer.</summary>
    public int RowBytes { get; }

    public long TotalBytes { get; }

    /// <summary>The int8 row format (meaningful when <see cref="Type"/> is <see cref="KvCacheType.Q8_0"/>).</summary>
    internal Int8KvCodec Int8 { get; }

    /// <summary>Bytes needed for <paramref name="blockCount"/> blocks of a cache with these dimensions.</summary>
    public static long BytesFor(int layerCount, int kvDim, int headDim, int blockSize, int blockCount, KvCacheType type) =>
        2L * layerCount * blockCount * blockSize * RowBytesFor(kvDim, headDim, type);

    private static int RowBytesFor(int kvDim, int headDim, KvCacheType type) =>
        type == KvCacheType.F32 ? kvDim * sizeof(float) : new Int8KvCodec(headDim).RowBytes(kvDim);

    /// <summary>Start of the key row (kvDim values in <see cref="Type"/>) for one token slot.</summary>
    public byte* Key(int layer, int block, int slot) => Row(0, layer, block, slot);

    public byte* Value(int layer, int block, int slot) => Row(1, layer, block, slot);

    public void Dispose()
    {
        if (_memory == null) return;
        NativeMemory.Free(_raw);
        _memory = null;
        _raw = null;
    }

    private byte* Row(int kind, int layer, int block, int slot)
    {
        System.Diagnostics.Debug.Assert((uint)layer < LayerCount && (uint)block < BlockCount && (uint)slot < BlockSize);
        var index = (((long)kind * LayerCount + layer) * BlockCount + block) * BlockSize + slot;
        return _memory + index * RowBytes;
    }
}
