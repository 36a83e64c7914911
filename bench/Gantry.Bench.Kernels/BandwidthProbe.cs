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
        const long bytes = 320L << 20;
        var probe = new BandwidthProbe { _data = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64) };
        new Span<byte>(probe._data, (int)bytes).Fill(1);
        using var pool = new WorkerPool(threads);
        int chunks = (int)(bytes / ChunkBytes);
        for (int warm = 0; warm < 2; warm++) pool.For(probe, chunks, 64);
        var sw = Stopwatch.StartNew();
        int passes = 0;
        while (sw.ElapsedMilliseconds < 1000)
        {
            pool.For(probe, chunks, 64);
            passes++;
        }
        Console.WriteLine($"read bandwidth, {threads} thread(s): {bytes * passes / sw.Elapsed.TotalNanoseconds:F2} GB/s");
        NativeMemory.AlignedFree(probe._data);
    }
}
