using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Security;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary>A real server (stories260K as "stories") with a temporary state folder and authentication off, for lifecycle tests.</summary>
public sealed class LifecycleHost : IAsyncDisposable
{
    public const string Model = ServerFixture.Model;

    private LifecycleHost(string stateDir, GantryServer server, HttpClient http)
    {
        StateDir = stateDir;
        Server = server;
        Http = http;
    }

    public string StateDir { get; }

    public GantryServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<LifecycleHost> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        var dir = Directory.CreateTempSubdirectory("gantry-life-").FullName;
        var options = ServerFixture.Options() with { Security = new SecuritySettings { StateDir = dir, Auth = AuthMode.None } };
        if (configure is not null) options = configure(options);
        var (server, http) = await ServerFixture.StartAsync(options);
        return new LifecycleHost(dir, server, http);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> CompleteAsync(string model = Model, int maxTokens = 4, bool stream = false) =>
        PostAsync("/v1/completions", $$"""{"model":"{{model}}","prompt":"Once upon a time","max_tokens":{{maxTokens}},"stream":{{(stream ? "true" : "false")}}}""");

    public static async Task<string?> ErrorCode(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString();

    public static string Version(HttpResponseMessage r) =>
        r.Headers.TryGetValues("x-gantry-model-version", out var v) ? v.Single() : "";

    public async Task<string> MetricsAsync() => await Http.GetStringAsync("/metrics");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        StateDatabase.ReleaseAll();
        try { Directory.Delete(StateDir, recursive: true); } catch (IOException) { }
    }
}
