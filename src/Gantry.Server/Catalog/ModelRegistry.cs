using Gantry.Server.Protocol;

namespace Gantry.Server.Catalog;

/// <summary>
/// The models the server answers for and whether it can take work: loading → ready → draining (or failed).
/// Written by the host and the lifecycle (load, unload, swap, traffic splits), read by every handler. Each public name
/// is a <see cref="ModelRoute"/> over versions (<see cref="ModelSlot"/>); the route table is copied on write and swapped
/// atomically, so a request sees either the old route or the new one. Requests hold a <see cref="ModelLease"/> on the
/// version they run on, which lets a replaced version finish its in-flight requests before it is freed. It also counts
/// the generation requests in flight, which draining reports. Registered as a singleton.
/// </summary>
public sealed class ModelRegistry : IAsyncDisposable
{
    private readonly object _write = new();
    private readonly List<ModelSlot> _retiring = [];
    private int _inFlight;
    private volatile Dictionary<string, ModelRoute> _routes = new(StringComparer.Ordinal);
    private volatile RegistryState _state = RegistryState.Loading;
    private string _failure = "";

    public enum RegistryState { Loading, Ready, Failed, Draining }

    public RegistryState State => _state;

    /// <summary>The engines loaded now, one per loaded version (a route scaled to zero has none).</summary>
    public IReadOnlyList<ServedModel> Models =>
        _routes.Values.SelectMany(r => r.Slots).Distinct().Select(s => s.Current).OfType<ServedModel>().ToList();

    /// <summary>Every public name with its versions, loaded or not.</summary>
    public IReadOnlyCollection<ModelRoute> Routes => _routes.Values;

    public bool TryGetRoute(string name, out ModelRoute route) => _routes.TryGetValue(name, out route!);

    internal void Publish(IReadOnlyList<ServedModel> models) =>
        Publish(models.Select(m => new ModelSlot(m.Name, m.Version, m, null, 0)).ToList());

    internal void Publish(IReadOnlyList<ModelSlot> slots)
    {
        lock (_write) _routes = slots.ToDictionary(s => s.Name, ModelRoute.Single, StringComparer.Ordinal);
        if (_state == RegistryState.Loading) _state = RegistryState.Ready;
    }

    /// <summary>
    /// Routes <paramref name="route"/>'s name to it. Slots of the replaced route that the new one does not use are
    /// retired (freed once their in-flight requests finish). Returns the replaced route, or null.
    /// </summary>
    internal ModelRoute? SetRoute(ModelRoute route)
    {
        ModelRoute? old;
        lock (_write)
        {
            var next = new Dictionary<string, ModelRoute>(_routes, StringComparer.Ordinal);
            next.TryGetValue(route.Name, out old);
            next[route.Name] = route;
            _routes = next;
        }
        if (old is not null) RetireUnused(old, route.Slots.ToHashSet());
        return old;
    }

    /// <summary>Stops serving a name: its versions finish their in-flight requests and are freed. Null when unknown.</summary>
    internal ModelRoute? RemoveRoute(string name)
    {
        ModelRoute? old;
        lock (_write)
        {
            if (!_routes.TryGetValue(name, out old)) return null;
            var next = new Dictionary<string, ModelRoute>(_routes, StringComparer.Ordinal);
            next.Remove(name);
            _routes = next;
        }
        RetireUnused(old, []);
        return old;
    }

    private void RetireUnused(ModelRoute old, HashSet<ModelSlot> kept)
    {
        foreach (var slot in old.Slots.Distinct().Where(s => !kept.Contains(s)))
        {
            lock (_write) _retiring.Add(slot);
            _ = slot.Released.ContinueWith(_ => { lock (_write) _retiring.Remove(slot); }, TaskScheduler.Default);
            slot.Retire();
        }
    }

    /// <summary>Every slot that holds or may hold memory: routed ones and retired ones still finishing requests.</summary>
    public IReadOnlyList<ModelSlot> AllSlots()
    {
        lock (_write) return _routes.Values.SelectMany(r => r.Slots).Concat(_retiring).Distinct().ToList();
    }

    internal void Fail(string message)
    {
        _failure = message;
        _state = RegistryState.Failed;
    }

    /// <summary>Generation requests being answered now (for draining).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    internal void Enter() => Interlocked.Increment(ref _inFlight);

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal void BeginDrain() => _state = RegistryState.Draining;

    /// <summary>Null when the server can take a generation request now, else the 503 to answer.</summary>
    internal ApiError? Unavailable() => _state switch
    {
        RegistryState.Ready => null,
        RegistryState.Loading => ApiError.NotReady("The server is still loading its models"),
        RegistryState.Draining => ApiError.NotReady("The server is shutting down"),
        _ => ApiError.NotReady("Loading the models failed: " + _failure),
    };

    /// <summary>
    /// Picks the version of <paramref name="name"/> for one request and takes a lease on it: a version scaled to zero
    /// is loaded first (this request waits; requests for other models do not), and a version retired between the pick
    /// and the lease sends the pick back to the (new) route. Errors: 503 not ready, 400 missing, 404 unknown.
    /// </summary>
    internal async ValueTask<(ModelLease? Lease, ApiError? Error)> AcquireAsync(string? name, string? user, string? keyId, CancellationToken ct)
    {
        if (Unavailable() is { } e) return (null, e);
        if (name is null) return (null, ApiError.Missing("model"));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (!_routes.TryGetValue(name, out var route)) return (null, ApiError.ModelNotFound(name));
            var slot = route.Pick(user, keyId);
            switch (slot.TryEnter(out var model))
            {
                case ModelSlot.EnterResult.Entered:
                    return (new ModelLease(slot, model), null);
                case ModelSlot.EnterResult.Unloaded:
                    try
                    {
                        await slot.EnsureLoadedAsync(ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        return (null, ApiError.NotReady($"Loading model '{name}' version '{slot.Version}' failed: {ex.Message}"));
                    }
                    break;
                default:
                    await Task.Yield(); // retired under us: the route has moved on
                    break;
            }
        }
        return (null, ApiError.NotReady($"Model '{name}' is changing versions; retry"));
    }

    /// <summary>Finds a loaded model by name without a lease (the route's first loaded version), or the error to answer.</summary>
    internal ApiError? TryGet(string? name, out ServedModel model)
    {
        model = null!;
        if (Unavailable() is { } e) return e;
        if (name is null) return ApiError.Missing("model");
        if (!_routes.TryGetValue(name, out var route)) return ApiError.ModelNotFound(name);
        model = route.Slots.Select(s => s.Current).OfType<ServedModel>().FirstOrDefault()!;
        return model is null ? ApiError.NotReady($"Model '{name}' is not loaded") : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in AllSlots()) await slot.DisposeAsync().ConfigureAwait(false);
        lock (_write) _routes = new(StringComparer.Ordinal);
    }
}
