using System.Collections.Frozen;

namespace Gantry.Gateway.Replicas;

/// <summary>
/// What the gateway knows about one replica: its address, the models it serves (from <c>/v1/models</c>) and its load
/// (from <c>/metrics</c>). Written by <see cref="ReplicaMonitor"/>'s loop, read by every request: each field is an
/// immutable snapshot swapped whole, so readers never see half an update.
/// </summary>
public sealed class ReplicaState(string id, Uri address)
{
    private volatile ReplicaLoad _load = ReplicaLoad.Unknown;
    private volatile FrozenDictionary<string, string> _models = FrozenDictionary<string, string>.Empty;

    /// <summary>The YARP destination id.</summary>
    public string Id { get; } = id;

    public Uri Address { get; } = address;

    /// <summary>What <c>x-gantry-replica</c> says: the address without its trailing slash.</summary>
    public string Name { get; } = address.ToString().TrimEnd('/');

    public ReplicaLoad Load => _load;

    /// <summary>Model id → its <c>/v1/models</c> entry (raw JSON), as last read.</summary>
    public FrozenDictionary<string, string> Models => _models;

    /// <summary>Whether <c>/v1/models</c> has answered at least once.</summary>
    public bool ModelsKnown { get; private set; }

    /// <summary>False after a failed scrape, until one succeeds.</summary>
    public bool Reachable { get; private set; } = true;

    public bool Serves(string model) => _models.ContainsKey(model);

    internal void SetLoad(ReplicaLoad load)
    {
        _load = load;
        Reachable = true;
    }

    internal void SetUnreachable() => Reachable = false;

    internal void SetModels(FrozenDictionary<string, string> models)
    {
        _models = models;
        ModelsKnown = true;
    }
}
