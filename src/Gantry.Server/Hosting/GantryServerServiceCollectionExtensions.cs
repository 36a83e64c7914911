using Gantry.Security;
using Gantry.Server.Access;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Drift;
using Gantry.Server.Endpoints;
using Gantry.Server.Feedback;
using Gantry.Server.Guardrails;
using Gantry.Server.Lifecycle;
using Gantry.Server.Metrics;
using Gantry.Server.Protocol;
using Gantry.Server.Telemetry;
using Gantry.Tensors.Threading;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Hosting;

/// <summary>
/// <c>services.AddGantryServer(options)</c>: every service of the server in the container — options (validated when the
/// host starts), the model registry and its loader, metrics, guardrails, the security layer with its authentication
/// scheme and policies when <see cref="ServerOptions.Security"/> is set, the exception handler and the endpoints.
/// Pair it with <see cref="GantryApiEndpointRouteBuilderExtensions.MapGantryApi"/>.
/// </summary>
public static class GantryServerServiceCollectionExtensions
{
    /// <param name="options">The options to start from; <paramref name="configure"/> may adjust them.</param>
    /// <param name="loader">Builds the served models; the default loads <see cref="ServerOptions.Models"/> (or the demo model).</param>
    public static IServiceCollection AddGantryServer(this IServiceCollection services, ServerOptions options,
        Action<ServerOptions>? configure = null, GantryServer.ModelLoader? loader = null, TimeProvider? time = null)
    {
        services.AddSingleton<IOptionsFactory<ServerOptions>>(sp => new ServerOptionsFactory(options,
            sp.GetServices<IConfigureOptions<ServerOptions>>(), sp.GetServices<IPostConfigureOptions<ServerOptions>>(), sp.GetServices<IValidateOptions<ServerOptions>>()));
        var builder = services.AddOptions<ServerOptions>();
        if (configure is not null) builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>());
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((k, o) =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = o.Value.MaxBodyBytes;
        });
        services.AddOptions<HostOptions>().Configure<IOptions<ServerOptions>>((h, o) => h.ShutdownTimeout = TimeSpan.FromSeconds(o.Value.DrainSeconds));

        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<LoraAdapterRegistry>();
        services.AddSingleton<LoraAdapterEndpoints>();
        services.AddSingleton(sp => new WorkerPool(sp.GetRequiredService<IOptions<ServerOptions>>().Value.Threads));
        services.AddSingleton(loader ?? ModelCatalog.Load);
        services.AddSingleton<LifecycleMetrics>();
        services.AddSingleton(sp => new ModelLifecycle(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<IOptions<ServerOptions>>(),
            sp.GetRequiredService<WorkerPool>(), sp.GetRequiredService<ILogger<ModelLifecycle>>(), sp.GetRequiredService<LifecycleMetrics>(), sp.GetService<SecurityServices>()));
        services.AddSingleton(sp => new TrafficController(sp.GetRequiredService<ModelLifecycle>(), sp.GetService<SecurityServices>(),
            sp.GetRequiredService<ILogger<TrafficController>>(), time));
        services.AddSingleton<ModelAdminEndpoints>();
        services.AddSingleton<ModelTrafficEndpoints>();
        services.AddSingleton<ModelHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelHostService>());
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<ServerMeter>();
        if (options.Telemetry is { } telemetry) services.AddGantryTelemetry(telemetry);
        services.AddSingleton<ServerGuardModel>();
        services.AddSingleton(sp => new ServerGuardrails(sp.GetRequiredService<IOptions<ServerOptions>>().Value.Guardrails, sp.GetRequiredService<ServerMetrics>().GuardrailVerdicts));

        services.AddSingleton<ServedRequests>();
        services.AddSingleton<DriftMonitor>();
        services.AddSingleton<DriftEndpoints>();
        services.AddSingleton<GenerationEndpoint>();
        services.AddSingleton<CompletionsEndpoint>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<ModelsEndpoint>();
        services.AddSingleton<ApplyTemplateEndpoint>();
        services.AddSingleton<HealthEndpoints>();
        services.AddSingleton<MetricsEndpoint>();

        services.AddExceptionHandler<OpenAiExceptionHandler>();
        if (options.Security is { } settings)
        {
            services.AddGantrySecurity(settings, options.Host, time);
            services.AddSingleton<FeedbackEndpoint>(); // needs request ids and the audit log
        }
        return services;
    }

    /// <summary>
    /// The security layer alone: keys, limits and audit over <paramref name="settings"/>' state folder (opened here;
    /// refuses authentication off on a non-loopback <paramref name="host"/>), the API-key authentication scheme and the
    /// two policies of <see cref="ApiKeyAuthentication"/>, and the admin endpoints.
    /// </summary>
    public static IServiceCollection AddGantrySecurity(this IServiceCollection services, SecuritySettings settings, string host, TimeProvider? time = null)
    {
        services.AddSingleton(sp => SecurityServices.Start(settings, host, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Gantry.Security"), time));
        services.AddSingleton<AdminEndpoints>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddSingleton<IAuthorizationHandler, KeyRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthentication.ModelPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).AddRequirements(new KeyRequirement(AdminOnly: false)))
            .AddPolicy(ApiKeyAuthentication.AdminPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).AddRequirements(new KeyRequirement(AdminOnly: true)));
        return services;
    }
}
