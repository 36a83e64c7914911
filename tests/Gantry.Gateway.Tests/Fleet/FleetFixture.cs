namespace Gantry.Gateway.Tests.Fleet;

/// <summary>3 replicas and 2 gateways (default policy), shared by the tests that do not change the fleet.</summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public Fleet Fleet { get; private set; } = null!;

    public async Task InitializeAsync() => Fleet = await Fleet.StartAsync(replicas: 3, gateways: 2);

    public async Task DisposeAsync() => await Fleet.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetFixture>
{
    public const string Name = "fleet";
}
