using BenchmarkDotNet.Attributes;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Threading;

namespace Gantry.Bench.Kernels;

/// <summary>
/// y(n, rows) = x(n, cols)·wᵀ at TinyLlama-1.1B's projection shapes. Weights rotate through copies totalling more
/// than twice the 105 MiB L3, so every call streams its weights from DRAM as decode does.
/// </summary>
public unsafe class MatVecBenchmarks
{
    private const long StreamBytes = 320L << 20;

    private WorkerPool _pool = null!;
    private MatMul _matmul = null!;
    private byte*[] _copies = [];
    private WeightMatrix[] _matrices = [];
    private WeightRepacker? _repacker;
    private int _next;
    private float[] _x = [];
    private float[] _y = [];
    private int _rows;
    private int _cols;

    [Params(GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K)]
    public GgmlType Type { get; set; }

    /// <summary>rows×cols: attention q/k/v/o, FFN gate/up, FFN down, output head.</summary>
    [Params("2048x2048", "5632x2048", "2048x5632", "32000x2048")]
    public string Shape { get; set; } = "";

    [Params(1, 8)]
    public int N { get; set; }

    internal WorkerPool Pool => _pool;

    /// <summary>Bytes of weights one call reads.</summary>
    public long WeightBytes => (long)_rows * GgmlTypeInfo.RowBytes(Type, _cols);

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        _rows = int.Parse(parts[0]);
        _cols = int.Parse(parts[1]);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(Type, _cols);

        // Quantize a few distinct rows for realistic block contents, then tile them; the kernels' cost does not
        // depend on the values.
        const int distinct = 16;
        var sample = new byte[distinct * rowBytes];
        var random = new Random(42);
        var row = new float[_cols];
        for (int r = 0; r < distinct; r++)
        {
            for (int c = 0; c < _cols; c++) row[c] = (float)(random.NextDouble() * 2 - 1);
            Quantize.Row(Type, row, sample.AsSpan(r * rowBytes, rowBytes));
        }
        long bytes = (long)_rows * rowBytes;
        // GANTRY_HOT=1 keeps one copy (cache-resident) to measure kernel compute alone.
        int copies = Environment.GetEnvironmentVariable("GANTRY_HOT") == "1" ? 1 : (int)Math.Max(2, (StreamBytes + bytes - 1) / bytes);
        _copies = new byte*[copies];
        for (int i = 0; i < copies; i++)
        {
            _copies[i] = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)bytes, 64);
            for (int r = 0; r < _rows; r++)
            {
                sample.AsSpan((r % distinct) * rowBytes, rowBytes).CopyTo(new Span<byte>(_copies[i] + (long)r * rowBytes, rowBytes));
            }
        }

        // GANTRY_REPACK=1 times the load-time layout (as a loaded model uses it) instead of the file's.
        _repacker = Environment.GetEnvironmentVariable("GANTRY_REPACK") == "1" ? new WeightRepacker(Path) : null;
        _matrices = new WeightMatrix[copies];
        for (int i = 0; i < copies; i++)
        {
            var w = new WeightMatrix(_copies[i], Type, _rows, _cols);
            _matrices[i] = _repacker is not null && _repacker.Repacks(Type) ? _repacker.Repack(w) : w;
        }

        _x = new float[N * _cols];
        for (int i = 0; i < _x.Length; i++) _x[i] = (float)(random.NextDouble() * 2 - 1);
        _y = new float[N * _rows];
        _pool = new WorkerPool(int.TryParse(Environment.GetEnvironmentVariable("GANTRY_THREADS"), out int t) ? t : WorkerPool.DefaultThreadCount);
        _matmul = new MatMul(_pool);
    }

    /// <summary>Kernel tier (the quick runner sets it; BenchmarkDotNet uses the best).</summary>
    public KernelPath Path { get; set; } = KernelPaths.Best;

    [Benchmark]
    public void Multiply()
    {
        _matmul.Path = Path;
        var w = _matrices[_next];
        _next = (_next + 1) % _copies.Length;
        _matmul.Multiply(w, _x, N, _y);
    }

    /// <summary>The next weight copy in the rotation (for the llama.cpp comparison, which drives its own kernels).</summary>
    internal byte* NextCopy()
    {
        byte* data = _copies[_next];
        _next = (_next + 1) % _copies.Length;
        return data;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var p in _copies) System.Runtime.InteropServices.NativeMemory.AlignedFree(p);
        _copies = [];
        _matrices = [];
        _repacker?.Dispose();
        _pool.Dispose();
    }
}
