using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gantry.Tensors.Threading;

namespace Gantry.Bench.Kernels;

/// <summary>`bw`: the read bandwidth ceiling (streaming 320 MiB of bytes with the same pool), to judge kernels by.</summary>
internal sealed unsafe class BandwidthProbe : IParallelJob
{
    private const int ChunkBytes = 1 << 16;
    private byte* _data;
    private long _sink;

    public void Execute(int start, int end)
    {
        Vector256<byte> acc = default;
        for (long i = (long)start * ChunkBytes; i < (long)end * ChunkBytes; i += 128)
        {
            acc |= Vector256.Load(_data + i) ^ Vector256.Load(_data + i + 32) ^ Vector256.Load(_data + i + 64) ^ Vector256.Load(_data + i + 96);
        }
        Interlocked.Add(ref _sink, acc.GetElement(0));
    }

    public static void Run(int threads)
    {
        using var pool = new WorkerPool(threads);
        Console.WriteLine($"read bandwidth, {threads} thread(s): {Measure(pool, 1000):F2} GB/s");
    }

    /// <summary>GB/s of plain streaming reads over 320 MiB with <paramref name="pool"/>, for about <paramref name="ms"/> ms.</summary>
    public static double Measure(WorkerPool pool, int ms)
    {
        const long bytes = 320L << 20;
        var probe = new BandwidthProbe { _data = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64) };
        new Span<byte>(probe._data, (int)bytes).Fill(1);
        int chunks = (int)(bytes / ChunkBytes);
        pool.For(probe, chunks, 64);
        var sw = Stopwatch.StartNew();
        int passes = 0;
        while (sw.ElapsedMilliseconds < ms)
        {
            pool.For(probe, chunks, 64);
            passes++;
        }
        double gbps = bytes * passes / sw.Elapsed.TotalNanoseconds;
        NativeMemory.AlignedFree(probe._data);
        return gbps;
    }
}
