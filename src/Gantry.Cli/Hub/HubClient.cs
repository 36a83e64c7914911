using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Gantry.Cli.Hub;

/// <summary>
/// Downloads files from the Hugging Face Hub's resolve URLs (<c>ENDPOINT/OWNER/REPO/resolve/REVISION/PATH</c>) into a
/// <see cref="HubCache"/>: a HEAD without following redirects reads the commit (<c>X-Repo-Commit</c>), the content
/// hash (<c>X-Linked-Etag</c> for large files, the SHA-256; else <c>ETag</c>, the git blob id) and the size; the GET
/// then follows the redirect (to a CDN, without the token) and resumes a <c>.incomplete</c> blob with <c>Range</c>.
/// The bytes must hash to the reported value before the blob gets its final name. With no network, a cached snapshot
/// of the revision is used.
/// </summary>
internal sealed class HubClient(HttpClient http, Uri endpoint, string? token, HubCache cache)
{
    private const int MaxRedirects = 10;

    /// <summary>The client for <c>HF_ENDPOINT</c> (default https://huggingface.co), <c>HF_TOKEN</c> and the default cache.</summary>
    public static HubClient FromEnvironment(HttpClient http)
    {
        var endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        var token = Environment.GetEnvironmentVariable("HF_TOKEN");
        return new HubClient(http, new Uri(string.IsNullOrEmpty(endpoint) ? "https://huggingface.co" : endpoint.TrimEnd('/')),
            string.IsNullOrEmpty(token) ? null : token, HubCache.FromEnvironment());
    }

    /// <summary>An <see cref="HttpClient"/> that leaves redirects to this class (it must read the first response's headers).</summary>
    public static HttpClient CreateHttp() => new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public HubCache Cache => cache;

    /// <summary>Returns the local path of <paramref name="file"/>, downloading it first unless the cache has it.</summary>
    /// <exception cref="HubException">401/403/404 or another refusal, a checksum mismatch, or no network and no cached copy.</exception>
    public async Task<string> DownloadAsync(HubFileRef file, IProgress<DownloadStatus>? progress = null, CancellationToken ct = default)
    {
        FileMetadata meta;
        try
        {
            meta = await HeadAsync(file, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return cache.Find(file) ?? throw new HubException($"cannot reach {endpoint.Host} ({e.Message}) and {file} is not in the cache {cache.Root}");
        }
        var blob = cache.BlobPath(file, meta.Etag);
        if (!File.Exists(blob)) await FetchBlobAsync(file, meta, progress, ct).ConfigureAwait(false);
        return cache.Commit(file, meta.Etag, meta.Commit);
    }

    private Uri ResolveUri(HubFileRef file) =>
        new(endpoint, $"{endpoint.AbsolutePath.TrimEnd('/')}/{file.RepoId}/resolve/{Uri.EscapeDataString(file.Revision)}/{string.Join('/', file.FilePath.Split('/').Select(Uri.EscapeDataString))}");

    private async Task<FileMetadata> HeadAsync(HubFileRef file, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Head, ResolveUri(file));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 400) throw Refused(file, response);
        var etag = Header(response, "X-Linked-Etag") ?? response.Headers.ETag?.Tag
            ?? throw new HubException($"{endpoint.Host} sent no ETag for {file}; is HF_ENDPOINT a Hub mirror?");
        var size = long.TryParse(Header(response, "X-Linked-Size"), out var linked) ? linked : response.Content.Headers.ContentLength;
        var location = status is >= 300 and < 400 ? response.Headers.Location : null;
        return new FileMetadata(NormalizeEtag(etag), Header(response, "X-Repo-Commit") ?? file.Revision, size,
            location is null ? ResolveUri(file) : new Uri(ResolveUri(file), location));
    }

    private async Task FetchBlobAsync(HubFileRef file, FileMetadata meta, IProgress<DownloadStatus>? progress, CancellationToken ct)
    {
        var partial = cache.IncompletePath(file, meta.Etag);
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        for (var attempt = 0; ; attempt++)
        {
            var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            using var response = await GetFollowingRedirectsAsync(file, meta.Download, have, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && attempt == 0)
            {
                File.Delete(partial); // the partial file is not a prefix of this blob: start over
                continue;
            }
            if (!response.IsSuccessStatusCode) throw Refused(file, response);
            var resumed = response.StatusCode == HttpStatusCode.PartialContent && have > 0;
            await using (var target = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
            {
                var done = resumed ? have : 0;
                var total = meta.Size ?? (response.Content.Headers.ContentLength is { } n ? n + done : null);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    done += read;
                    progress?.Report(new DownloadStatus(file.FilePath, done, total));
                }
            }
            Verify(file, meta, partial);
            File.Move(partial, cache.BlobPath(file, meta.Etag), overwrite: true);
            return;
        }
    }

    /// <summary>The GET, sending the token only to the endpoint's own host (never to the CDN a redirect names).</summary>
    private async Task<HttpResponseMessage> GetFollowingRedirectsAsync(HubFileRef file, Uri uri, long from, CancellationToken ct)
    {
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = Request(HttpMethod.Get, uri);
            if (from > 0) request.Headers.Range = new RangeHeaderValue(from, null);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } next)
            {
                response.Dispose();
                uri = new Uri(uri, next);
                continue;
            }
            return response;
        }
        throw new HubException($"too many redirects downloading {file}");
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.UserAgent.ParseAdd("gantry/1.0");
        if (token is not null && uri.Host == endpoint.Host && uri.Port == endpoint.Port)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>SHA-256 for large (LFS) files, whose etag is that hash; git's blob SHA-1 for small ones.</summary>
    private static void Verify(HubFileRef file, FileMetadata meta, string path)
    {
        var length = new FileInfo(path).Length;
        string? actual = null;
        if (meta.Etag.Length == 64)
        {
            using var s = File.OpenRead(path);
            actual = Convert.ToHexStringLower(SHA256.HashData(s));
        }
        else if (meta.Etag.Length == 40)
        {
            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            sha1.AppendData(System.Text.Encoding.ASCII.GetBytes($"blob {length}\0"));
            sha1.AppendData(File.ReadAllBytes(path));
            actual = Convert.ToHexStringLower(sha1.GetHashAndReset());
        }
        if ((actual is not null && actual != meta.Etag) || (meta.Size is { } size && size != length))
        {
            File.Delete(path);
            throw new HubException($"{file}: the downloaded bytes do not match the Hub's hash ({meta.Etag}, {meta.Size} bytes; got {actual}, {length} bytes); deleted, try again");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string NormalizeEtag(string etag)
    {
        var e = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        e = e.Trim('"');
        if (e.Length == 0 || e.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
            throw new HubException($"the Hub sent an etag that is not a file name: {etag}");
        return e.ToLowerInvariant();
    }

    private HubException Refused(HubFileRef file, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var code = Header(response, "X-Error-Code");
        var message = status switch
        {
            401 when token is null => $"{file}: the Hub wants a login (401); set HF_TOKEN to a token that can read {file.RepoId}",
            401 => $"{file}: the Hub refused HF_TOKEN (401)",
            403 => $"{file}: no access (403); gated repositories need their licence accepted on the Hub with this token's account",
            404 when code == "EntryNotFound" => $"{file}: no such file in {file.RepoId} at {file.Revision} (404)",
            404 when code == "RevisionNotFound" => $"{file}: no revision '{file.Revision}' in {file.RepoId} (404)",
            404 => $"{file}: not found (404; the repository may not exist, or may be private: set HF_TOKEN)",
            _ => $"{file}: the Hub answered {status} {response.ReasonPhrase}",
        };
        return new HubException(message, status);
    }

    private sealed record FileMetadata(string Etag, string Commit, long? Size, Uri Download);
}

/// <summary>Bytes of <see cref="File"/> downloaded so far, of <see cref="Total"/> when known.</summary>
internal readonly record struct DownloadStatus(string File, long Done, long? Total);
