using System.Runtime.InteropServices;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Repacks weight matrices once at load for the eight- and sixteen-row kernels and owns the copies (freed by
/// <see cref="Dispose"/>, which must come after the last multiply that reads them). Only where the CPU's kernel
/// path has repacked kernels (today Q4_0, Q8_0, Q4_K and Q6_K on the AVX2 path, which AMD Zen 4 and AVX2-only CPUs take): every
/// other matrix keeps reading its mapped rows as before.
/// </summary>
public sealed unsafe class WeightRepacker : IDisposable
{
    // Groups of eight rows per parallel task (half as many of sixteen): enough work (a few hundred KiB) to outweigh scheduling it.
    private const int GroupsPerTask = 64;
    // Repacked matrices are laid end to end in chunks this large (or one chunk per larger matrix), so a model's
    // copies sit in few huge pages (HugePages) without rounding every matrix up to a whole one.
    private const long DefaultChunkBytes = 64L << 20;
    private readonly long _chunkBytes;
    private readonly List<nint> _buffers = [];
    private byte* _chunkNext;
    private long _chunkLeft;
    private readonly KernelPath _path;
    private readonly WorkerPool? _pool;

    /// <param name="path">The path the model's multiplies run on (<see cref="KernelPaths.Best"/> unless pinned).</param>
    /// <param name="pool">The model's pool, to repack on (between its passes, its spinning workers would otherwise
    /// compete with other threads); null spreads the work over the .NET thread pool.</param>
    public WeightRepacker(KernelPath path, WorkerPool? pool = null) : this(path, DefaultChunkBytes, pool)
    {
    }

    /// <param name="chunkBytes">Size of the buffers matrices are laid into: a whole number of huge pages.</param>
    internal WeightRepacker(KernelPath path, long chunkBytes, WorkerPool? pool = null)
    {
        if (chunkBytes <= 0 || chunkBytes % HugePages.PageBytes != 0) throw new ArgumentOutOfRangeException(nameof(chunkBytes));
        _path = path;
        _chunkBytes = chunkBytes;
        _pool = pool;
    }

    /// <summary>Bytes of repacked copies held.</summary>
    public long Bytes { get; private set; }

    /// <summary>Whether <see cref="Repack"/> would repack a <paramref name="type"/> matrix on this path.</summary>
    public bool Repacks(GgmlType type) => Repacks(_path, type);

    /// <summary>Whether a repacker on <paramref name="path"/> would repack a <paramref name="type"/> matrix.</summary>
    public static bool Repacks(KernelPath path, GgmlType type) =>
        MatMul.IsSupported(type) && KernelPaths.IsSupported(path) && KernelTable.Get(type, path).Repack != null;

    /// <summary>The matrix with a repacked copy of its whole groups of rows (sixteen where the path has sixteen-row
    /// kernels for its type, else eight), or the matrix unchanged where this path has no repacked kernels for its type
    /// (or it has fewer rows than one group).</summary>
    public WeightMatrix Repack(in WeightMatrix w)
    {
        if (!Repacks(w.Type) || w.Rows < 8 || w.Packed != null) return w;
        var kernels = KernelTable.Get(w.Type, _path);
        bool wide = kernels.Repack16 != null && w.Rows >= 16;
        int groupRows = wide ? 16 : 8;
        int groups = w.Rows / groupRows;
        int groupBytes = wide ? kernels.Repacked16GroupBytes(w.Cols) : kernels.RepackedGroupBytes(w.Cols);
        long bytes = (long)groups * groupBytes;
        byte* packed = Reserve(bytes);
        // Repacking is a load-time copy the first token waits for (about a second for a 1.1B model on one core), so
        // the groups are spread over the cores; each writes its own bytes.
        var job = new RepackJob(wide ? kernels.Repack16 : kernels.Repack, groupRows, w.Data, w.RowBytes, w.Cols, packed, groupBytes);
        int perTask = GroupsPerTask * 8 / groupRows;
        if (_pool is not null) _pool.For(job, groups, perTask);
        else Parallel.For(0, (groups + perTask - 1) / perTask, task => job.Execute(task * perTask, Math.Min(groups, (task + 1) * perTask)));
        return w.WithPacked(packed, groupBytes, groupRows);
    }

    /// <summary>Groups of rows [start, end) of one matrix, each written to its own bytes.</summary>
    private sealed class RepackJob(delegate*<byte*, int, int, byte*, void> repack, int groupRows, byte* src, int rowBytes, int cols, byte* dst, int groupBytes) : IParallelJob
    {
        public void Execute(int start, int end)
        {
            for (int g = start; g < end; g++) repack(src + (long)g * groupRows * rowBytes, rowBytes, cols, dst + (long)g * groupBytes);
        }
    }

    // 64-byte aligned room for one matrix: the rest of the current chunk, or a new chunk.
    private byte* Reserve(long bytes)
    {
        long aligned = (bytes + 63) & ~63L;
        lock (_buffers)
        {
            if (aligned > _chunkLeft)
            {
                long chunk = Math.Max(_chunkBytes, (aligned + HugePages.PageBytes - 1) & ~((long)HugePages.PageBytes - 1));
                _chunkNext = HugePages.Allocate(chunk);
                _chunkLeft = chunk;
                _buffers.Add((nint)_chunkNext);
            }
            byte* p = _chunkNext;
            _chunkNext += aligned;
            _chunkLeft -= aligned;
            Bytes += bytes;
            return p;
        }
    }

    public void Dispose()
    {
        lock (_buffers)
        {
            foreach (var p in _buffers) NativeMemory.AlignedFree((void*)p);
            _buffers.Clear();
            _chunkNext = null;
            _chunkLeft = 0;
            Bytes = 0;
        }
    }
}
