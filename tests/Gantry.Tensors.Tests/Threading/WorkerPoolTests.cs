using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Tests.Threading;

public sealed class WorkerPoolTests
{
    private sealed class CountingJob(int count) : IParallelJob
    {
        public readonly int[] Hits = new int[count];
        public void Execute(int start, int end)
        {
            for (int i = start; i < end; i++) Interlocked.Increment(ref Hits[i]);
        }
    }

    private sealed class ThrowingJob(int failAt) : IParallelJob
    {
        public void Execute(int start, int end)
        {
            if (failAt >= start && failAt < end) throw new InvalidOperationException($"item {failAt}");
        }
    }

    [Theory]
    [InlineData(1, 100, 7)]
    [InlineData(2, 1000, 1)]
    [InlineData(3, 1001, 64)]
    [InlineData(4, 5, 100)]
    [InlineData(2, 0, 4)]
    public void For_AnySplit_CoversEveryItemExactlyOnce(int threads, int count, int grain)
    {
        using var pool = new WorkerPool(threads);
        var job = new CountingJob(count);
        pool.For(job, count, grain);
        Assert.All(job.Hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void For_CalledRepeatedly_ReusesWorkers()
    {
        using var pool = new WorkerPool(3);
        var job = new CountingJob(257);
        for (int i = 0; i < 2000; i++) pool.For(job, 257, 3);
        Assert.All(job.Hits, h => Assert.Equal(2000, h));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void For_WorkerThrows_RethrowsOnCallerAndStaysUsable(int threads)
    {
        using var pool = new WorkerPool(threads);
        var error = Assert.Throws<InvalidOperationException>(() => pool.For(new ThrowingJob(777), 1000, 10));
        Assert.Equal("item 777", error.Message);

        var job = new CountingJob(100);
        pool.For(job, 100, 3);
        Assert.All(job.Hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void For_AlternatingFailuresAndSuccesses_NeverLosesOrRepeatsItems()
    {
        using var pool = new WorkerPool(4);
        var job = new CountingJob(300);
        for (int i = 0; i < 300; i++)
        {
            Assert.Throws<InvalidOperationException>(() => pool.For(new ThrowingJob(i), 300, 1 + i % 7));
            pool.For(job, 300, 1 + i % 5);
        }
        Assert.All(job.Hits, h => Assert.Equal(300, h));
    }

    [Fact]
    public void For_ThreadsMoreThanOne_RunsOnSeveralThreads()
    {
        using var pool = new WorkerPool(2);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var job = new SlowJob(seen);
        pool.For(job, 64, 1);
        Assert.True(seen.Count >= 2, $"only {seen.Count} thread(s) ran chunks");
    }

    private sealed class SlowJob(System.Collections.Concurrent.ConcurrentDictionary<int, bool> seen) : IParallelJob
    {
        public void Execute(int start, int end)
        {
            seen[Environment.CurrentManagedThreadId] = true;
            Thread.Sleep(1);
        }
    }

    private sealed class RangeJob : IParallelJob
    {
        public readonly System.Collections.Concurrent.ConcurrentBag<(int Start, int End)> Ranges = [];
        public void Execute(int start, int end) => Ranges.Add((start, end));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void For_CountNearIntMax_ChunksTileTheRangeWithoutOverflow(int threads)
    {
        using var pool = new WorkerPool(threads);
        var job = new RangeJob();
        const int count = int.MaxValue - 5;
        pool.For(job, count, int.MaxValue / 3);
        var ranges = job.Ranges.OrderBy(r => r.Start).ToArray();
        Assert.Equal(0, ranges[0].Start);
        for (int i = 1; i < ranges.Length; i++) Assert.Equal(ranges[i - 1].End, ranges[i].Start);
        Assert.Equal(count, ranges[^1].End);
    }

    [Fact]
    public void Constructor_ZeroThreads_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(0));
    }

    [Fact]
    public void DefaultThreadCount_IsPositive()
    {
        Assert.True(WorkerPool.DefaultThreadCount >= 1);
    }

    [Fact]
    public void Grain_LargeJob_EightChunksPerThread()
    {
        using var pool = new WorkerPool(2);
        Assert.Equal(128, pool.Grain(2048, 2048, minGrain: 16, multiple: 4));
    }

    [Fact]
    public void Grain_SmallJob_OneChunkRunInline()
    {
        using var pool = new WorkerPool(2);
        Assert.Equal(64, pool.Grain(64, 64 * 8, minGrain: 16, multiple: 4)); // 32K multiply-adds in all
    }

    [Fact]
    public void Grain_MidJob_NoChunkUnderTheMinimumWork()
    {
        using var pool = new WorkerPool(2);
        int grain = pool.Grain(512, 1024, minGrain: 4, multiple: 4);
        Assert.True(grain * 1024L >= WorkerPool.MinChunkWork);
        Assert.Equal(0, grain % 4);
        Assert.True(grain < 512);
    }

    /// <summary>
    /// Back-to-back calls whose chunk counts grow from one call to the next, as a forward pass issues them (a small
    /// matmul, then a large one): a worker still finishing the previous call must never take a chunk of the next.
    /// With six threads on two cores this hung within a minute before the claim counter was closed between calls.
    /// </summary>
    [Fact]
    public async Task For_GrowingChunkCountsBackToBack_EveryCallCompletesExactlyOnce()
    {
        using var pool = new WorkerPool(6); // more threads than cores, so the owner is preempted mid-call
        var small = new CountingJob(2);
        var large = new CountingJob(64);
        var run = Task.Run(() =>
        {
            for (int i = 0; i < 200_000; i++)
            {
                pool.For(small, 2, 1);
                pool.For(large, 64, 1);
            }
        });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == run, "a For call never completed");
        Assert.All(small.Hits, h => Assert.Equal(200_000, h));
        Assert.All(large.Hits, h => Assert.Equal(200_000, h));
    }
}
