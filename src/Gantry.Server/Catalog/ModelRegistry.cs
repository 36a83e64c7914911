using Gantry.Server.Protocol;

namespace Gantry.Server.Catalog;

/// <summary>
/// The models the server answers for and whether it can take work: loading → ready → draining (or failed).
/// Written by the host, read by every handler; the model table is published once, atomically. It also counts the
/// generation requests in flight, which draining reports. Registered as a singleton.
/// </summary>
public sealed class ModelRegistry : IAsyncDisposable
{
    private int _inFlight;
    private IReadOnlyList<ServedModel> _models = [];
    private Dictionary<string, ServedModel> _byName = new(StringComparer.Ordinal);
    private volatile RegistryState _state = RegistryState.Loading;
    private string _failure = "";

    public enum RegistryState { Loading, Ready, Failed, Draining }

    public RegistryState State => _state;

    public IReadOnlyList<ServedModel> Models => _models;

    internal void Publish(IReadOnlyList<ServedModel> models)
    {
        _byName = models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _models = models;
        if (_state == RegistryState.Loading) _state = RegistryState.Ready;
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

    /// <summary>Finds a model by name, or the error to answer (503 not ready, 400 missing, 404 unknown).</summary>
    internal ApiError? TryGet(string? name, out ServedModel model)
    {
        model = null!;
        if (Unavailable() is { } e) return e;
        if (name is null) return ApiError.Missing("model");
        return _byName.TryGetValue(name, out model!) ? null : ApiError.ModelNotFound(name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var m in _models) await m.DisposeAsync().ConfigureAwait(false);
        _models = [];
    }
}
