using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gantry.Server.Tests.Dashboard;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c>, or <c>GANTRY_CHROMIUM</c>) driven over the DevTools protocol:
/// one page, navigate and evaluate. No browser download and no driver package: the protocol is JSON over a WebSocket.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser to run: <c>GANTRY_CHROMIUM</c>, else the first of chromium / chromium-browser / google-chrome on PATH.</summary>
    public static string Executable()
    {
        if (Environment.GetEnvironmentVariable("GANTRY_CHROMIUM") is { Length: > 0 } set) return set;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        }
        throw new InvalidOperationException("No Chromium found: install Debian's chromium (apt-get install chromium, as .ci/run does) or set GANTRY_CHROMIUM.");
    }

    public static async Task<HeadlessChromium> StartAsync(TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("gantry-chromium-").FullName;
        var info = new ProcessStartInfo(Executable())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--disable-renderer-backgrounding",
                     "--disable-background-timer-throttling", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", "about:blank" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var browser = new HeadlessChromium(process, profile);
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            var port = await ReadDevToolsPortAsync(process, cts.Token);
            _ = process.StandardError.ReadToEndAsync(CancellationToken.None); // keep draining, or a full pipe stalls the browser
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var page = await FindPageAsync(http, cts.Token);
            await browser._socket.ConnectAsync(new Uri(page), cts.Token);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private static async Task<int> ReadDevToolsPortAsync(Process process, CancellationToken ct)
    {
        while (await process.StandardError.ReadLineAsync(ct) is { } line)
        {
            if (DevToolsLine().Match(line) is { Success: true } m) return int.Parse(m.Groups[1].Value);
        }
        throw new InvalidOperationException($"Chromium exited ({(process.HasExited ? process.ExitCode : -1)}) before opening its DevTools port.");
    }

    private static async Task<string> FindPageAsync(HttpClient http, CancellationToken ct)
    {
        while (true)
        {
            var targets = JsonNode.Parse(await http.GetStringAsync("/json/list", ct))!.AsArray();
            var page = targets.FirstOrDefault(t => (string?)t!["type"] == "page");
            if (page is not null) return (string)page["webSocketDebuggerUrl"]!;
            await Task.Delay(100, ct);
        }
    }

    public async Task NavigateAsync(Uri url, CancellationToken ct) =>
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() }, ct);

    /// <summary>Evaluates a JavaScript expression in the page and returns its value (JSON); throws on a script exception.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken ct)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, ct);
        if (result["exceptionDetails"] is { } ex) throw new InvalidOperationException("Script failed: " + ex.ToJsonString());
        return result["result"]?["value"];
    }

    /// <summary>
    /// Re-evaluates <paramref name="expression"/> until it is true; returns whether it became true in time. A script
    /// error counts as not yet (the page may still be navigating, with no body or a context being replaced).
    /// </summary>
    public async Task<bool> WaitForAsync(string expression, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await EvaluateAsync(expression, ct) is JsonValue v && v.TryGetValue(out bool ok) && ok) return true;
            }
            catch (InvalidOperationException e) when (!e.Message.StartsWith("Chromium closed", StringComparison.Ordinal))
            {
                LastError = e.Message;
            }
            await Task.Delay(200, ct);
        }
        return false;
    }

    /// <summary>The last script error <see cref="WaitForAsync"/> swallowed (for failure messages).</summary>
    public string? LastError { get; private set; }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, CancellationToken ct)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, ct);
        while (true)
        {
            var reply = JsonNode.Parse(await ReceiveAsync(ct))!;
            if ((int?)reply["id"] != id) continue; // events and other replies
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    private async Task<string> ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var r = await _socket.ReceiveAsync(buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("Chromium closed the DevTools connection.");
            message.Write(buffer, 0, r.Count);
            if (r.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"DevTools listening on ws://[^:]+:(\d+)/")]
    private static partial Regex DevToolsLine();
}
