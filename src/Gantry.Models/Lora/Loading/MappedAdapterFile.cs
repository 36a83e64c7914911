using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Gantry.Models.Lora.Loading;

/// <summary>
/// A read-only mapping of an adapter file whose F32 lora_A tensors are used in place: their layout, (rank, in)
/// row-major, is the engine's, so loading them costs neither a copy nor fresh memory (a rank-16 adapter of a 1B model
/// is 25 MB of A). <see cref="Floats"/> hands out views that keep the mapping alive; it is unmapped when the last
/// adapter using it is collected, never while a forward pass can still read it. Like the base model's own mapping, the
/// file must not be truncated or rewritten in place while an adapter from it is loaded.
/// </summary>
internal sealed unsafe class MappedAdapterFile
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _length;
    private readonly bool _acquired;

    public MappedAdapterFile(string path)
    {
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            _acquired = true;
            _base = p + _view.PointerOffset;
            _length = (long)_view.SafeMemoryMappedViewHandle.ByteLength - _view.PointerOffset;
        }
        catch
        {
            _view?.Dispose();
            _map.Dispose();
            GC.SuppressFinalize(this);
            throw;
        }
    }

    // The view's SafeHandle outlives this object's finalizer (critical finalization runs last), so releasing our
    // pointer reference here is safe; the handle then unmaps when it is finalized itself.
    ~MappedAdapterFile()
    {
        if (_acquired) _view.SafeMemoryMappedViewHandle.ReleasePointer();
    }

    /// <summary>A view of <paramref name="count"/> floats at byte <paramref name="offset"/> of the file; it keeps the mapping alive.</summary>
    public ReadOnlyMemory<float> Floats(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + 4L * count > _length) throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, +{4L * count}) is outside the {_length}-byte file");
        return new View(this, _base + offset, count).Memory;
    }

    /// <summary>One tensor's floats; holding it holds the file's mapping.</summary>
    private sealed class View(MappedAdapterFile owner, byte* start, int count) : MemoryManager<float>
    {
        public override Span<float> GetSpan() => new(start, count);

        public override MemoryHandle Pin(int elementIndex = 0) => new((float*)start + elementIndex, default, this);

        public override void Unpin()
        {
        }

        // Capturing owner here makes it a field of every view: the reference that keeps the mapping alive.
        protected override void Dispose(bool disposing) => GC.KeepAlive(owner);
    }
}
