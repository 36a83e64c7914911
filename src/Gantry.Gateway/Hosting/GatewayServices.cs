using Gantry.Gateway.Endpoints;
using Gantry.Gateway.Forwarding;
using Gantry.Gateway.Health;
using Gantry.Gateway.Limits;
using Gantry.Gateway.LoadBalancing;
using Gantry.Gateway.Replicas;
using Gantry.Gateway.Routing;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace Gantry.Gateway.Hosting;

/// <summary>
/// The gateway assembled in one place: YARP with Gantry's routing policies, passive-health policy and response transform
/// as services (<see cref="AddGantryGateway"/>), and the proxy pipeline's stages in order (<see cref="MapGantryGateway"/>):
/// inspect the body → keys and shared limits → narrow to the model's replicas → [retry: load balance → passive health → forward].
/// </summary>
public static class GatewayServices
{
    public static IServiceCollection AddGantryGateway(this IServiceCollection services, GatewayOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton(sp => new PromptKeyer(options, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Gantry.Gateway")));
        services.AddSingleton<ReplicaSet>();
        services.AddSingleton<ReplicaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaMonitor>());
        services.AddSingleton<DnsReplicaWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DnsReplicaWatcher>());
        services.AddSingleton<LoadView>();
        services.AddSingleton<RingCache>();
        services.AddSingleton<RequestInspector>();
        services.AddSingleton<ModelFilter>();
        services.AddSingleton<RetryMiddleware>();
        services.AddSingleton<ILimitStore>(_ => options.Redis is { } redis ? RedisLimitStore.Connect(redis) : new MemoryLimitStore(TimeProvider.System));
        services.AddSingleton(sp => new FleetLimitsMiddleware(
            options.StateDir is { } dir ? new KeyStore(StateDatabase.Open(dir), TimeProvider.System) : null,
            sp.GetRequiredService<ILimitStore>(), options, sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<FleetLimitsMiddleware>>()));
        services.AddSingleton<GatewayEndpoints>();
        services.AddSingleton<ILoadBalancingPolicy, DefaultPolicy>();
        services.AddSingleton<ILoadBalancingPolicy, PrefixAffinityPolicy>();
        services.AddSingleton<ILoadBalancingPolicy, LeastLoadPolicy>();
        services.AddSingleton<ILoadBalancingPolicy, SessionPolicy>();
        services.AddSingleton<IPassiveHealthCheckPolicy, EjectOnFailurePolicy>();
        services.AddReverseProxy()
            .LoadFromMemory(ReplicaSet.InitialRoutes(), ReplicaSet.InitialClusters())
            .AddTransforms(builder => ReplicaResponseTransform.Add(builder, builder.Services.GetRequiredService<ReplicaSet>()));
        return services;
    }

    public static IEndpointRouteBuilder MapGantryGateway(this IEndpointRouteBuilder app)
    {
        var endpoints = app.ServiceProvider.GetRequiredService<GatewayEndpoints>();
        app.MapGet("/v1/models", endpoints.Models);
        app.MapGet("/health", GatewayEndpoints.Health);
        app.MapGet("/ready", endpoints.Ready);
        app.MapGet("/metrics", endpoints.Metrics);
        var inspector = app.ServiceProvider.GetRequiredService<RequestInspector>();
        var limits = app.ServiceProvider.GetRequiredService<FleetLimitsMiddleware>();
        var models = app.ServiceProvider.GetRequiredService<ModelFilter>();
        var retry = app.ServiceProvider.GetRequiredService<RetryMiddleware>();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use((ctx, next) => inspector.InvokeAsync(ctx, () => next()));
            proxy.Use((ctx, next) => limits.InvokeAsync(ctx, () => next()));
            proxy.Use((ctx, next) => models.InvokeAsync(ctx, () => next()));
            proxy.Use((ctx, next) => retry.InvokeAsync(ctx, () => next()));
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
