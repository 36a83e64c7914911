using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Gantry.Tensors.Threading;

/// <summary>
/// Persistent worker threads (no Task per row). The calling thread participates. Not re-entrant:
/// one <see cref="For"/> at a time, from one owning thread (the model runner's).
/// </summary>
/// <remarks>
/// Design: a <see cref="For"/> publishes the job and bumps a generation counter; workers that see the new
/// generation claim chunks with one <see cref="Interlocked.Increment(ref int)"/> each (dynamic scheduling, so a
/// core slowed by a neighbour does not stall the step), then report done. Waiting workers spin briefly, because
/// a decode step issues hundreds of short <see cref="For"/> calls back to back, then block on a monitor so an
/// idle pool costs no CPU.
/// </remarks>
public sealed class WorkerPool : IDisposable
{
    private const int SpinIterations = 2000;

    private readonly Thread[] _workers;
    private readonly object _gate = new();

    // State of the current For; written by the owner before the generation bump, read by workers after it.
    private IParallelJob? _job;
    private int _count;
    private int _grain;
    private int _chunkCount;
    private int _nextChunk;
    private int _workersRunning;
    private Exception? _error;

    private volatile int _generation;
    private volatile bool _disposed;

    /// <summary>Creates <paramref name="threadCount"/> - 1 background workers; 1 runs every job inline on the caller.</summary>
    public WorkerPool(int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        ThreadCount = threadCount;
        _workers = new Thread[threadCount - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"Gantry.Tensors worker {i + 1}" };
            _workers[i].Start();
        }
    }

    /// <summary>Threads that run a job, the caller included.</summary>
    public int ThreadCount { get; }

    /// <summary>Physical cores; this VM exposes no hyper-threads, so the logical processor count is used.</summary>
    public static int DefaultThreadCount => Environment.ProcessorCount;

    /// <summary>
    /// Splits [0, <paramref name="count"/>) into chunks of <paramref name="grain"/> items (the last may be shorter),
    /// runs them on all threads and returns when every chunk is done. A worker's exception is rethrown here
    /// after all threads have stopped; chunks not yet started are then skipped.
    /// </summary>
    public void For(IParallelJob job, int count, int grain)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(grain, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (count == 0)
        {
            return;
        }

        int chunkCount = (int)(((long)count + grain - 1) / grain);
        if (_workers.Length == 0 || chunkCount == 1)
        {
            for (long start = 0; start < count; start += grain)
            {
                job.Execute((int)start, (int)Math.Min(start + grain, count));
            }
            return;
        }

        _job = job;
        _count = count;
        _grain = grain;
        _chunkCount = chunkCount;
        _nextChunk = -1;
        _error = null;
        Volatile.Write(ref _workersRunning, _workers.Length);
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }

        RunChunks();
        var spin = new SpinWait();
        while (Volatile.Read(ref _workersRunning) != 0)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        _job = null;
        if (_error is { } error)
        {
            _error = null;
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    /// <summary>Stops and joins the workers. Must not be called while a <see cref="For"/> runs.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void RunChunks()
    {
        var job = _job;
        Debug.Assert(job is not null);
        while (true)
        {
            int chunk = Interlocked.Increment(ref _nextChunk);
            if (chunk >= _chunkCount)
            {
                return;
            }
            long start = (long)chunk * _grain;
            int end = (int)Math.Min(start + _grain, _count);
            try
            {
                job.Execute((int)start, end);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
                // Stop handing out chunks; the rest of the result is garbage anyway.
                Volatile.Write(ref _nextChunk, int.MaxValue / 2);
                return;
            }
        }
    }

    private void WorkerLoop()
    {
        int seen = 0;
        while (true)
        {
            // Spin first: the next For usually follows within microseconds during a forward pass.
            var spin = new SpinWait();
            for (int i = 0; i < SpinIterations && _generation == seen; i++)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            if (_generation == seen)
            {
                lock (_gate)
                {
                    while (_generation == seen)
                    {
                        Monitor.Wait(_gate);
                    }
                }
            }
            seen = _generation;
            if (_disposed)
            {
                return;
            }
            RunChunks();
            Interlocked.Decrement(ref _workersRunning);
        }
    }
}
