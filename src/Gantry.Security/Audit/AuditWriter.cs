using System.Threading.Channels;
using Gantry.Security.Keys;
using Gantry.Security.Limits;
using Microsoft.Data.Sqlite;

namespace Gantry.Security.Audit;

/// <summary>
/// The running server's way into the audit log. A finished request hands its record over and moves on; one background
/// thread writes whatever has queued up in one transaction. A burst of requests then costs one synced commit instead
/// of one each, and no request thread waits for the disk. Readers that must see every finished request (the admin
/// audit and usage endpoints, quota seeding) call <see cref="Flush"/> first; disposing writes everything still queued.
/// A process that is killed loses at most the batch being written.
/// </summary>
public sealed class AuditWriter : IQuotaUsageSource, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    private readonly AuditLog _log;
    private readonly Action<AuditRecord, Exception> _failed;
    private readonly Channel<AuditRecord> _queue = Channel.CreateUnbounded<AuditRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;
    private readonly object _gate = new();
    private long _queued;  // records accepted by Write
    private long _settled; // records written or given up on (under _gate)

    /// <param name="failed">Told of each record a write failed for (the batch is not retried).</param>
    public AuditWriter(AuditLog log, Action<AuditRecord, Exception> failed)
    {
        _log = log;
        _failed = failed;
        _thread = new Thread(Run) { Name = "gantry-audit", IsBackground = true };
        _thread.Start();
    }

    public AuditLog Log => _log;

    public void Write(AuditRecord record)
    {
        Interlocked.Increment(ref _queued);
        if (_queue.Writer.TryWrite(record)) return;
        WriteBatch([record]); // after dispose: write it here rather than drop it
    }

    /// <summary>Returns once every record written before the call is in the database (or failed).</summary>
    public void Flush()
    {
        var target = Volatile.Read(ref _queued);
        var deadline = DateTime.UtcNow + FlushTimeout;
        lock (_gate)
        {
            while (_settled < target && DateTime.UtcNow < deadline) Monitor.Wait(_gate, TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The log's records, after a <see cref="Flush"/>.</summary>
    public IReadOnlyList<AuditRecord> Query(AuditQuery query)
    {
        Flush();
        return _log.Query(query);
    }

    public long TokensSince(KeyId key, DateTimeOffset since)
    {
        Flush();
        return _log.TokensSince(key, since);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.Run(_thread.Join).ConfigureAwait(false);
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<AuditRecord>(MaxBatch);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var record)) batch.Add(record);
            WriteBatch(batch);
            batch.Clear();
        }
    }

    private void WriteBatch(List<AuditRecord> batch)
    {
        try
        {
            _log.AppendBatch(batch);
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            foreach (var r in batch) _failed(r, e);
        }
        finally
        {
            lock (_gate)
            {
                _settled += batch.Count;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
