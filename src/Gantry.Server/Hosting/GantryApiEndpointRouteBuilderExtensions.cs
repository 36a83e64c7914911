using Gantry.Security;
using Gantry.Server.Access;
using Gantry.Server.Dashboard;
using Gantry.Server.Drift;
using Gantry.Server.Endpoints;
using Gantry.Server.Feedback;
using Gantry.Server.Lifecycle;
using Gantry.Server.Metrics;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gantry.Server.Hosting;

/// <summary>
/// <c>app.MapGantryApi()</c>: the server's pipeline and routes, assembled in one place. The pipeline, in order: routing
/// (so every later stage sees the endpoint and its metadata) → HTTP metrics → request ids, rate-limit headers and audit
/// (<see cref="RequestAccessMiddleware"/>, with security) → the exception handler (<see cref="OpenAiExceptionHandler"/>)
/// and 404/405 bodies → authentication and authorization (each endpoint's policy) → per-key limits → the endpoint.
/// Model routes (<c>/v1/*</c>, <c>/apply-template</c>) carry <see cref="AccessConventions.RequireModelKey"/>, admin routes
/// <see cref="AccessConventions.RequireAdminKey"/>; <c>/v1/feedback</c> exists only with the security layer (it rates an
/// audited request); <c>/health</c>, <c>/ready</c>, <c>/metrics</c> and <c>/dashboard</c> are open.
/// </summary>
public static class GantryApiEndpointRouteBuilderExtensions
{
    public static WebApplication MapGantryApi(this WebApplication app)
    {
        var services = app.Services;
        var secured = services.GetService<SecurityServices>() is not null;
        UseGantryPipeline(app);
        var v1 = app.MapGroup("");
        v1.MapPost(CompletionsEndpoint.Path, services.GetRequiredService<CompletionsEndpoint>().HandleAsync);
        v1.MapPost(ChatCompletionsEndpoint.Path, services.GetRequiredService<ChatCompletionsEndpoint>().HandleAsync);
        v1.MapGet(ModelsEndpoint.Path, services.GetRequiredService<ModelsEndpoint>().HandleAsync);
        v1.MapPost(ApplyTemplateEndpoint.Path, services.GetRequiredService<ApplyTemplateEndpoint>().HandleAsync);
        if (secured) v1.MapPost(FeedbackEndpoint.Path, services.GetRequiredService<FeedbackEndpoint>().HandleAsync);
        if (secured) v1.RequireModelKey();
        // Changing what the server serves is an operator's act: admin keys only when keys are on (vLLM gates it behind a flag).
        var loraAdmin = app.MapGroup("");
        var lora = services.GetRequiredService<LoraAdapterEndpoints>();
        loraAdmin.MapPost(LoraAdapterEndpoints.LoadPath, lora.LoadAsync);
        loraAdmin.MapPost(LoraAdapterEndpoints.UnloadPath, lora.UnloadAsync);
        if (secured) loraAdmin.RequireAdminKey();
        app.MapGet("/health", HealthEndpoints.Health);
        app.MapGet("/ready", services.GetRequiredService<HealthEndpoints>().Ready);
        app.MapGet(MetricsEndpoint.Path, services.GetRequiredService<MetricsEndpoint>().HandleAsync);
        app.MapGantryDashboard();
        if (secured) MapGantryAdmin(app);
        return app;
    }

    /// <summary>The admin API under <c>/admin</c>, for admin keys only (needs the security layer).</summary>
    public static WebApplication MapGantryAdmin(this WebApplication app)
    {
        var admin = app.MapGroup(AdminEndpoints.Prefix).RequireAdminKey();
        app.Services.GetRequiredService<AdminEndpoints>().Map(admin);
        app.Services.GetService<ModelAdminEndpoints>()?.Map(admin); // with the server (not the security layer alone)
        app.Services.GetService<ModelTrafficEndpoints>()?.Map(admin);
        app.Services.GetService<DriftEndpoints>()?.Map(admin);
        return app;
    }

    /// <summary>The middleware of <see cref="MapGantryApi"/>; each security stage only when the security layer is registered.</summary>
    internal static void UseGantryPipeline(WebApplication app)
    {
        var secured = app.Services.GetService<SecurityServices>() is not null;
        app.UseRouting();
        if (app.Services.GetService<ServerMetrics>() is not null) app.UseMiddleware<HttpRequestMetricsMiddleware>();
        if (secured) app.UseMiddleware<RequestAccessMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = static ctx => ErrorWriter.WriteAsync(ctx, ApiError.Internal("internal server error")) });
        app.UseStatusCodePages(StatusCodeErrors.WriteAsync);
        if (!secured) return;
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<KeyLimitsMiddleware>();
    }
}
