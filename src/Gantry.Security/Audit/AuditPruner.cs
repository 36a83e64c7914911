namespace Gantry.Security.Audit;

/// <summary>
/// Deletes audit records older than the retention (<c>--audit-retention-days</c>) once at start and then every
/// <see cref="Interval"/>, on the injected clock. Runs on a background task it owns; dispose to stop.
/// </summary>
public sealed class AuditPruner : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public AuditPruner(AuditLog log, TimeSpan retention, TimeProvider time, Action<int>? pruned = null)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                var n = log.Prune(time.GetUtcNow() - retention);
                if (n > 0) pruned?.Invoke(n);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
