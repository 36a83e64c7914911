using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gantry.Cli.Tests.Hub;

/// <summary>
/// A loopback server that answers like the Hugging Face Hub: <c>/OWNER/REPO/resolve/REV/FILE</c> redirects large
/// files to a CDN path with <c>X-Repo-Commit</c>, <c>X-Linked-Etag</c> (the SHA-256) and <c>X-Linked-Size</c>; the CDN
/// path serves ranges; private repositories want <c>Authorization: Bearer TOKEN</c> (401); unknown files are 404
/// with <c>X-Error-Code: EntryNotFound</c>. Records each request's method, path, Range and Authorization.
/// </summary>
internal sealed class FakeHub : IAsyncDisposable
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";
    public const string Token = "hf_test_token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Sha, bool Private)> _files = new();

    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>When set, the CDN serves these bytes instead of the real ones (a corrupt transfer).</summary>
    public byte[]? CorruptBody { get; set; }

    public string Url => _app.Urls.First();

    private FakeHub(WebApplication app) => _app = app;

    public static async Task<FakeHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hub = new FakeHub(app);
        app.MapMethods("/{owner}/{repo}/resolve/{rev}/{**path}", ["GET", "HEAD"], hub.Resolve);
        app.MapGet("/cdn/{sha}", hub.Cdn);
        await app.StartAsync();
        return hub;
    }

    public string Add(string repo, string path, byte[] bytes, bool isPrivate = false)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        _files[$"{repo}/{path}"] = (bytes, sha, isPrivate);
        return sha;
    }

    private IResult Resolve(HttpContext ctx, string owner, string repo, string rev, string path)
    {
        Record(ctx);
        if (!_files.TryGetValue($"{owner}/{repo}/{path}", out var f))
        {
            ctx.Response.Headers["X-Error-Code"] = "EntryNotFound";
            return Results.StatusCode(404);
        }
        if (f.Private && ctx.Request.Headers.Authorization != $"Bearer {Token}") return Results.StatusCode(401);
        ctx.Response.Headers["X-Repo-Commit"] = Commit;
        ctx.Response.Headers["X-Linked-Etag"] = $"\"{f.Sha}\"";
        ctx.Response.Headers["X-Linked-Size"] = f.Bytes.Length.ToString();
        ctx.Response.Headers.ETag = "\"0000000000000000000000000000000000000000\""; // the LFS pointer's id, not the content's
        return Results.Redirect($"/cdn/{f.Sha}");
    }

    private IResult Cdn(HttpContext ctx, string sha)
    {
        Record(ctx);
        var f = _files.Values.First(v => v.Sha == sha);
        return Results.Bytes(CorruptBody ?? f.Bytes, "application/octet-stream", enableRangeProcessing: true);
    }

    private void Record(HttpContext ctx) =>
        Log.Enqueue($"{ctx.Request.Method} {ctx.Request.Path} range={ctx.Request.Headers.Range} auth={ctx.Request.Headers.Authorization}");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
