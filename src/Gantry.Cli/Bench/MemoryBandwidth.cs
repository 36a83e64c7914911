using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gantry.Cli.Bench;

/// <summary>
/// Measures the machine's memory read bandwidth the way a decode step reads weights: <c>threads</c> threads each
/// stream through their own slice of a buffer far larger than the caches, summing 64-byte vectors so every load is
/// used. Reports the best of several passes (the least disturbed by other processes).
/// </summary>
internal static unsafe class MemoryBandwidth
{
    public static double ReadBytesPerSecond(int threads, long bufferBytes, int passes = 5)
    {
        bufferBytes = Math.Max(bufferBytes / (64L * threads) * 64L * threads, 64L * threads);
        var buffer = (byte*)NativeMemory.AlignedAlloc((nuint)bufferBytes, 4096);
        try
        {
            // Touch every page first so the passes measure reads, not page faults.
            new Span<byte>(buffer, (int)Math.Min(bufferBytes, int.MaxValue)).Fill(1);
            for (long o = int.MaxValue; o < bufferBytes; o += 4096) buffer[o] = 1;
            var slice = bufferBytes / threads;
            var best = 0.0;
            var sink = 0.0;
            for (var pass = 0; pass < passes; pass++)
            {
                using var start = new Barrier(threads + 1);
                var sums = new double[threads];
                var began = new long[threads];
                var ended = new long[threads];
                var workers = new Thread[threads];
                for (var t = 0; t < threads; t++)
                {
                    var index = t;
                    workers[t] = new Thread(() =>
                    {
                        start.SignalAndWait();
                        began[index] = Stopwatch.GetTimestamp();
                        sums[index] = Sum(buffer + index * slice, slice);
                        ended[index] = Stopwatch.GetTimestamp();
                    }) { IsBackground = true };
                    workers[t].Start();
                }
                start.SignalAndWait();
                foreach (var w in workers) w.Join();
                // The workers time themselves: a clock started by this thread after the barrier could start late,
                // when this thread is descheduled on a busy machine, and report absurd rates (terabytes a second).
                var seconds = Stopwatch.GetElapsedTime(began.Min(), ended.Max()).TotalSeconds;
                sink += sums.Sum();
                best = Math.Max(best, bufferBytes / seconds);
            }
            GC.KeepAlive(sink);
            return best;
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    /// <param name="p">(bytes) 64-byte aligned.</param>
    /// <param name="bytes">A multiple of 64.</param>
    private static double Sum(byte* p, long bytes)
    {
        var a = Vector256<long>.Zero;
        var b = Vector256<long>.Zero;
        var end = p + bytes;
        for (; p + 128 <= end; p += 128)
        {
            a += Vector256.Load((long*)p) + Vector256.Load((long*)(p + 32));
            b += Vector256.Load((long*)(p + 64)) + Vector256.Load((long*)(p + 96));
        }
        for (; p < end; p += 64) a += Vector256.Load((long*)p) + Vector256.Load((long*)(p + 32));
        return Vector256.Sum(a + b);
    }
}
