namespace Gantry.Gateway.Tests.Fleet;

/// <summary>
/// 3 replicas and 2 gateways (default policy), shared by the tests that do not change the fleet. No replica dies here, so
/// the gateways probe health every 10 s with a 10 s timeout. With the failover fleets' 500 ms probes (2 s timeout), two
/// slow <c>/ready</c> answers in a row on a loaded machine mark a live replica unhealthy; it leaves the ring until the next
/// good probe, and a shared-prefix group sent meanwhile splits across replicas although routing did nothing wrong.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public Fleet Fleet { get; private set; } = null!;

    public async Task InitializeAsync() => Fleet = await Fleet.StartAsync(replicas: 3, gateways: 2, healthInterval: TimeSpan.FromSeconds(10));

    public async Task DisposeAsync() => await Fleet.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetFixture>
{
    public const string Name = "fleet";
}
