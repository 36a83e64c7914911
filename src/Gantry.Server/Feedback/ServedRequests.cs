using System.Collections.Concurrent;

namespace Gantry.Server.Feedback;

/// <summary>Who served a request: the route, the version, and the tenant whose key sent it (null without authentication).</summary>
public sealed record ServedRequest(string Model, string ModelVersion, string? Tenant);

/// <summary>
/// The most recent requests' serving versions by request id, in memory. Feedback often comes a moment after the
/// answer, before the request's audit record (written when the request ends, in the background) is in the database;
/// this answers then. Older requests are looked up in the audit log. Bounded: the oldest ids are dropped first.
/// Thread-safe.
/// </summary>
public sealed class ServedRequests(int capacity = 16_384)
{
    private readonly ConcurrentDictionary<string, ServedRequest> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(string requestId, ServedRequest served)
    {
        _byId[requestId] = served;
        _order.Enqueue(requestId);
        while (_order.Count > capacity && _order.TryDequeue(out var old)) _byId.TryRemove(old, out _);
    }

    public ServedRequest? Find(string requestId) => _byId.GetValueOrDefault(requestId);
}
