using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Gantry.Server.Lifecycle;

namespace Gantry.Cli.Lifecycle;

/// <summary>
/// <c>gantry models load|unload|swap NAME [--path FILE] [--version LABEL] --server URL [--api-key KEY]</c>: asks a running
/// server's admin API (<c>POST /admin/models/{name}/load|unload|swap</c>) to change what it serves. The key defaults to
/// <c>GANTRY_API_KEY</c>; it must be an admin key when the server requires keys.
/// </summary>
internal static class ModelsServerCommands
{
    public static Command Load() => Change("load", "Load a version into a running server (a file, or a registered version)", withTarget: true);

    public static Command Swap() => Change("swap", "Replace the version a running server serves, without failing a request", withTarget: true);

    public static Command Unload() => Change("unload", "Stop serving a model on a running server (in-flight requests finish first)", withTarget: false);

    private static Command Change(string verb, string description, bool withTarget)
    {
        var name = new Argument<string>("name") { Description = "Public model name" };
        var path = new Option<string?>("--path") { Description = "GGUF file (a path on the server's machine)" };
        var version = new Option<string?>("--version") { Description = "Version label (alone: a registered version)" };
        var server = new Option<string>("--server") { Description = "Server base URL", DefaultValueFactory = _ => "http://127.0.0.1:8000" };
        var apiKey = new Option<string?>("--api-key") { Description = "Admin API key (default: $GANTRY_API_KEY)" };
        var command = new Command(verb, description) { name, server, apiKey };
        if (withTarget)
        {
            command.Add(path);
            command.Add(version);
        }
        command.SetAction(parse =>
        {
            var p = withTarget ? parse.GetValue(path) : null;
            var v = withTarget ? parse.GetValue(version) : null;
            if (withTarget && p is null && v is null) throw new CliUsageException($"models {verb}: give --path FILE (with --version LABEL) or --version of a registered version");
            if (p is not null) p = Path.GetFullPath(p);
            var answer = Post(parse.GetValue(server)!, parse.GetValue(apiKey),
                $"/admin/models/{Uri.EscapeDataString(parse.GetValue(name)!)}/{verb}", new LoadModelRequest(p, v)).GetAwaiter().GetResult();
            var retired = answer.Retired.Count == 0 ? "" : $"; retiring {string.Join(", ", answer.Retired)} after their in-flight requests";
            var loaded = answer.LoadSeconds > 0 ? $" (loaded in {answer.LoadSeconds:F3} s)" : "";
            Console.WriteLine($"{answer.Name}: serving {(answer.Versions.Count == 0 ? "nothing" : string.Join(", ", answer.Versions))}{loaded}{retired}");
            return 0;
        });
        return command;
    }

    private static async Task<LifecycleAnswer> Post(string server, string? key, string path, LoadModelRequest body)
    {
        var text = await SendAsync(server, key, HttpMethod.Post, path, JsonSerializer.Serialize(body, LifecycleJson.Default.LoadModelRequest)).ConfigureAwait(false);
        return JsonSerializer.Deserialize(text, LifecycleJson.Default.LifecycleAnswer) ?? throw new CliUsageException("server sent an empty answer");
    }

    /// <summary>Sends one admin request and returns the answer's text; a non-2xx answer becomes a usage error with the server's message.</summary>
    internal static async Task<string> SendAsync(string server, string? key, HttpMethod method, string path, string? json)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw new CliUsageException($"--server must be an http(s) URL (got '{server}')");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };
        key ??= Environment.GetEnvironmentVariable("GANTRY_API_KEY");
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return text;
        var message = text;
        try
        {
            using var doc = JsonDocument.Parse(text);
            message = doc.RootElement.GetProperty("error").GetProperty("message").GetString() ?? text;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
        throw new CliUsageException($"server answered {(int)response.StatusCode}: {message}");
    }
}
