using System.Runtime.InteropServices;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// Native copies a model owns beside its mapping (a tensor-parallel shard's column slices, which are not contiguous in
/// the file), freed together by <see cref="Dispose"/> after the last multiply that reads them.
/// </summary>
public sealed unsafe class NativeBuffers : IDisposable
{
    private readonly List<nint> _buffers = [];

    /// <summary>Bytes held.</summary>
    public long Bytes { get; private set; }

    public byte* Allocate(long bytes)
    {
        var p = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), 64);
        _buffers.Add((nint)p);
        Bytes += bytes;
        return p;
    }

    public void Dispose()
    {
        foreach (var p in _buffers) NativeMemory.AlignedFree((void*)p);
        _buffers.Clear();
        Bytes = 0;
    }
}
