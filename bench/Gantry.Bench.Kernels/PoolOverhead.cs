using System.Diagnostics;
using Gantry.Tensors.Threading;

namespace Gantry.Bench.Kernels;

/// <summary>`pool`: the fixed cost of one <see cref="WorkerPool.For"/> with empty chunks (a decode step pays it ~150 times).</summary>
internal sealed class PoolOverhead : IParallelJob
{
    public void Execute(int start, int end) { }

    public static void Run()
    {
        foreach (int threads in new[] { 1, 2 })
        {
            using var pool = new WorkerPool(threads);
            var job = new PoolOverhead();
            for (int i = 0; i < 1000; i++) pool.For(job, 16, 1);
            var sw = Stopwatch.StartNew();
            int calls = 0;
            while (sw.ElapsedMilliseconds < 1000)
            {
                pool.For(job, 16, 1);
                calls++;
            }
            Console.WriteLine($"WorkerPool.For, {threads} thread(s), 16 empty chunks: {sw.Elapsed.TotalNanoseconds / calls / 1000:F2} us per call");
        }
    }
}
