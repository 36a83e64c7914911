using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Tests.Security;
using Gantry.Server.Access;
using Gantry.Server.Hosting;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Tests.Access;

/// <summary>
/// Kestrel on 127.0.0.1 with a free port, the server's security layer (<c>AddGantrySecurity</c>, its pipeline stages and
/// the admin API) in front of a stand-in model endpoint that carries the model-key policy (<c>POST /v1/completions</c>
/// with <c>{model, prompt_tokens, n, max_tokens, used, delay_ms}</c>), and every log line captured.
/// </summary>
internal sealed class SecurityTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempStateDir _dir;
    private readonly bool _ownsDir;

    public SecurityServices Services { get; }
    public HttpClient Client { get; }
    public ConcurrentQueue<string> Logs { get; }
    public string StateDir => _dir.Path;

    private SecurityTestHost(WebApplication app, TempStateDir dir, bool ownsDir, SecurityServices services, HttpClient client, ConcurrentQueue<string> logs)
    {
        _ownsDir = ownsDir;
        _app = app;
        _dir = dir;
        Services = services;
        Client = client;
        Logs = logs;
    }

    public static async Task<SecurityTestHost> StartAsync(TimeProvider time, AuthMode? auth = AuthMode.Keys, bool logPrompts = false, TempStateDir? dir = null)
    {
        var ownsDir = dir is null;
        dir ??= new TempStateDir();
        var logs = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddGantrySecurity(new SecuritySettings { StateDir = dir.Path, Auth = auth, LogPrompts = logPrompts }, "127.0.0.1", time);
        builder.Services.AddExceptionHandler<OpenAiExceptionHandler>();
        var app = builder.Build();
        var services = app.Services.GetRequiredService<SecurityServices>();
        GantryApiEndpointRouteBuilderExtensions.UseGantryPipeline(app);
        app.MapGantryAdmin();
        app.MapPost("/v1/completions", FakeCompletionAsync).RequireModelKey();
        app.MapGet("/health", () => "ok");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SecurityTestHost(app, dir, ownsDir, services, new HttpClient { BaseAddress = new Uri(address) }, logs);
    }

    public ApiKey CreateKey(Tenant tenant) => Services.Keys.Create(tenant).Key;

    public HttpRequestMessage Completion(ApiKey? key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Authorization = new("Bearer", key.Reveal());
        return request;
    }

    private static async Task FakeCompletionAsync(HttpContext ctx)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        int Int(string name, int fallback) => body.TryGetProperty(name, out var v) ? v.GetInt32() : fallback;
        var sec = ctx.Features.Get<RequestSecurity>()!;
        var n = Int("n", 1);
        var maxTokens = Int("max_tokens", 16);
        var prompt = body.TryGetProperty("prompt", out var p) ? p.GetString() : null;
        if (SecurityGate.Admit(sec, body.GetProperty("model").GetString()!, Int("prompt_tokens", 10), n, maxTokens, (long)n * maxTokens, prompt) is { } refused)
        {
            await WriteError(ctx, refused);
            return;
        }
        if (Int("delay_ms", 0) is > 0 and var delay) await Task.Delay(delay, ctx.RequestAborted);
        sec.CompletionTokens = Int("used", maxTokens * n);
        await ctx.Response.WriteAsJsonAsync(new { ok = true });
    }

    /// <summary>The OpenAI error envelope, through the server's error writer.</summary>
    private static Task WriteError(HttpContext ctx, SecurityError e) => ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(e));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync(); // disposes the security services with the container
        if (_ownsDir) _dir.Dispose();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(sink);

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue(formatter(state, exception) + (state is IEnumerable<KeyValuePair<string, object?>> kv ? " " + string.Join(' ', kv.Select(p => $"{p.Key}={p.Value}")) : "") + exception);
        }
    }
}
