using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Gantry.Tensors.Threading;

/// <summary>
/// Persistent worker threads (no Task per row). The calling thread participates. Not re-entrant:
/// one <see cref="For"/> at a time, from one owning thread (the model runner's).
/// </summary>
/// <remarks>
/// Design: a <see cref="For"/> publishes the job, then a claim counter tagged with a new generation, then wakes the
/// workers. Every thread claims chunks with a compare-and-swap on that counter (dynamic scheduling, so a core slowed
/// by a neighbour does not stall the step); the tag means a worker that wakes late, after the call it was woken for
/// has finished, can never take a chunk of a later call. The caller waits for chunks done, not for workers, so when
/// the workers are asleep or descheduled it simply does the work itself. Waiting workers spin briefly, because a
/// decode step issues hundreds of short <see cref="For"/> calls back to back, then block so an idle pool costs no CPU.
/// </remarks>
public sealed class WorkerPool : IDisposable
{
    private const int SpinIterations = 2000;

    private readonly Thread[] _workers;
    private readonly object _gate = new();

    // State of the current For: written by the owner before _claim is published, read by threads after a claim.
    private IParallelJob? _job;
    private int _count;
    private int _grain;
    private int _chunkCount;
    private long _claim;        // (generation << 32) | next chunk index
    private int _chunksDone;
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
    /// Least work (multiply-adds, or comparable units) worth a chunk of its own: handing a chunk to another core
    /// costs about a microsecond (a cache-line round trip, a wake-up), which is this much arithmetic. Below it,
    /// splitting slows a small model down and, in a server, wakes a worker that competes with the HTTP threads.
    /// </summary>
    public const long MinChunkWork = 32 * 1024;

    /// <summary>
    /// A grain for <see cref="For"/> over <paramref name="count"/> items of <paramref name="workPerItem"/> each: about
    /// eight chunks per thread (evens out a slow core), none under <see cref="MinChunkWork"/>, at least
    /// <paramref name="minGrain"/>, and a multiple of <paramref name="multiple"/>. Small jobs come out as one chunk,
    /// which <see cref="For"/> runs inline.
    /// </summary>
    public int Grain(int count, long workPerItem, int minGrain = 1, int multiple = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        long chunks = ThreadCount * 8L;
        long grain = Math.Max((count + chunks - 1) / chunks, (MinChunkWork + Math.Max(workPerItem, 1) - 1) / Math.Max(workPerItem, 1));
        grain = Math.Max(grain, minGrain);
        grain = (grain + multiple - 1) / multiple * multiple;
        return (int)Math.Min(grain, Math.Max(count, 1));
    }

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

        int generation = _generation + 1;
        // Close the claim counter under the new generation before touching the fields: a worker still looping in
        // the previous call could otherwise read the old counter together with this call's larger chunk count, win
        // its compare-and-swap on the stale counter, run a chunk of this job and count it twice, and the wait below
        // would never end. Once closed, any such compare-and-swap fails.
        Interlocked.Exchange(ref _claim, ((long)generation << 32) | int.MaxValue); // a full fence: no field write may pass it
        _job = job;
        _count = count;
        _grain = grain;
        _chunkCount = chunkCount;
        _chunksDone = 0;
        _error = null;
        Volatile.Write(ref _claim, (long)generation << 32);
        lock (_gate)
        {
            _generation = generation;
            Monitor.PulseAll(_gate);
        }

        RunChunks(generation);
        var spin = new SpinWait();
        while (Volatile.Read(ref _chunksDone) != chunkCount)
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

    private void RunChunks(int generation)
    {
        while (true)
        {
            long claim = Volatile.Read(ref _claim);
            int chunk = (int)claim;
            if ((int)(claim >> 32) != generation || chunk >= _chunkCount)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim)
            {
                continue;
            }
            // Holding an unfinished chunk of this generation, so the owner cannot have moved on: fields are ours.
            var job = _job;
            Debug.Assert(job is not null);
            long start = (long)chunk * _grain;
            int end = (int)Math.Min(start + _grain, _count);
            try
            {
                job.Execute((int)start, end);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
                // The rest of the result is garbage anyway: retire the unclaimed chunks as done.
                Interlocked.Add(ref _chunksDone, CancelRemaining(generation));
            }
            Interlocked.Increment(ref _chunksDone);
        }
    }

    /// <summary>Moves the claim counter to the end; returns how many chunks that took away from other threads.</summary>
    private int CancelRemaining(int generation)
    {
        while (true)
        {
            long claim = Volatile.Read(ref _claim);
            int chunk = (int)claim;
            if ((int)(claim >> 32) != generation || chunk >= _chunkCount)
            {
                return 0;
            }
            if (Interlocked.CompareExchange(ref _claim, ((long)generation << 32) | (uint)_chunkCount, claim) == claim)
            {
                return _chunkCount - chunk;
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
            RunChunks(seen);
        }
    }
}
